// Karma runs the app's Jasmine specs in headless Chromium (Debian's package by default).
const { CHROMIUM_FLAGS, findChromium } = require('./scripts/chromium.cjs');

process.env.CHROME_BIN ||= findChromium() || '/usr/bin/chromium';

module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [require('karma-jasmine'), require('karma-chrome-launcher')],
    client: { jasmine: { random: true }, clearContext: false },
    reporters: ['progress'],
    browsers: ['ChromiumHeadlessCI'],
    customLaunchers: {
      ChromiumHeadlessCI: {
        base: 'ChromeHeadless',
        flags: CHROMIUM_FLAGS,
      },
    },
    browserNoActivityTimeout: 60000,
    singleRun: true,
    restartOnFileChange: false,
  });
};
