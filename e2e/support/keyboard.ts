import { expect, type Locator } from '@playwright/test';

/** The control has focus and a visible focus ring: a computed outline that is drawn. */
export const expectFocusRing = async (control: Locator) => {
  await expect(control).toBeFocused();
  const outline = await control.evaluate((element) => {
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor };
  });
  expect(outline.style, 'outline-style of the focused control').not.toBe('none');
  expect(outline.width, 'outline-width of the focused control').toBeGreaterThan(0);
  expect(outline.color, 'outline-color of the focused control').not.toMatch(/^(transparent|rgba\(\d+, \d+, \d+, 0\))$/);
};
