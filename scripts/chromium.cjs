// The Chromium every browser test uses: Debian's package (no test tool downloads its own),
// with the flags it needs as root in a container and on a closed network.
const { existsSync } = require('node:fs');

const CANDIDATES = [process.env.CHROME_BIN, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

exports.findChromium = () => CANDIDATES.find(candidate => candidate && existsSync(candidate));

exports.CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
