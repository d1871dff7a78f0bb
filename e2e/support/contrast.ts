import type { Locator, Page } from '@playwright/test';

/**
 * Contrast computed from the colours the browser paints, not only axe's verdict (axe files a
 * control whose background it cannot resolve as "incomplete", and passes): for each control, its
 * text against what lies behind it (4.5:1), and its edge (border, or its own fill when it has no
 * border of another colour) against the page around it (3:1). Focused, the focus ring counts as
 * the edge: its outline or its box-shadow ring against what is around it.
 */
export interface ContrastFinding {
  readonly control: string;
  readonly state: string;
  readonly what: 'text' | 'edge' | 'focus';
  readonly ratio: number;
  readonly needed: number;
  readonly colours: string;
}

export type ControlState = 'rest' | 'hover' | 'focus' | 'disabled';

/** The selector of every control a person uses on the page. */
export const CONTROLS = 'button, select, input:not([type=hidden]), a[href], summary, [role=option], [tabindex="0"]';

/** Measured inside the page: the function is serialised, so it holds everything it needs. */
const measure = (element: Element, state: string): ContrastFinding[] => {
  type Rgba = [number, number, number, number];
  const parse = (colour: string): Rgba => {
    const numbers = colour.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
    return [numbers[0], numbers[1], numbers[2], numbers.length > 3 ? numbers[3] : 1];
  };
  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const a = top[3];
    return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
  };
  const luminance = ([r, g, b]: Rgba) => {
    const channel = (value: number) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const ratio = (a: Rgba, b: Rgba) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100;
  };
  /** What is painted behind an element: its ancestors' backgrounds, composited, down to white. */
  const behind = (from: Element | null): Rgba => {
    const layers: Rgba[] = [];
    for (let node = from; node; node = node.parentElement) {
      const background = parse(getComputedStyle(node).backgroundColor);
      if (background[3] > 0) layers.push(background);
      if (background[3] >= 1) break;
    }
    return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const style = getComputedStyle(element);
  const around = behind(element.parentElement);
  const fill = over(parse(style.backgroundColor), around);
  const name = `${element.tagName.toLowerCase()} "${(element.textContent ?? (element as HTMLInputElement).value ?? '').trim().replace(/\s+/g, ' ').slice(0, 50) || element.getAttribute('aria-label') || element.id}"`;
  const findings: ContrastFinding[] = [];
  const note = (what: ContrastFinding['what'], value: number, needed: number, colours: string) =>
    findings.push({ control: name, state, what, ratio: value, needed, colours });

  const tag = element.tagName.toLowerCase();
  const isCheckable = tag === 'input' && /^(checkbox|radio)$/.test((element as HTMLInputElement).type);
  const hasText = !isCheckable && (element.textContent ?? '').trim() !== '' || tag === 'select' || (tag === 'input' && !isCheckable);
  if (hasText) {
    const text = over(parse(style.color), fill);
    note('text', ratio(text, fill), 4.5, `${style.color} on ${style.backgroundColor} over ${around.join(',')}`);
  }
  // an edge is needed where the control is a box a person must find: buttons, fields, choices
  const boxed = tag === 'button' || tag === 'select' || tag === 'input';
  if (boxed && !isCheckable) {
    const border = parseFloat(style.borderTopWidth) > 0 ? over(parse(style.borderTopColor), around) : fill;
    const edge = Math.max(ratio(border, around), ratio(fill, around));
    note('edge', edge, 3, `border ${style.borderTopColor} / fill ${style.backgroundColor} on ${around.join(',')}`);
  }
  if (state === 'focus') {
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ? ratio(over(parse(style.outlineColor), around), around) : 0;
    const ring = style.boxShadow.match(/rgba?\([^)]*\)/);
    const shadow = ring ? ratio(over(parse(ring[0]), around), around) : 0;
    note('focus', Math.max(outline, shadow), 3, `outline ${style.outlineColor} ${style.outlineStyle}, shadow ${style.boxShadow} on ${around.join(',')}`);
  }
  return findings;
};

/** Every shortfall among the visible controls inside `root`, in the state they are in now. */
export const contrastShortfalls = async (root: Locator, state: ControlState = 'rest'): Promise<ContrastFinding[]> => {
  const findings = await root.locator(CONTROLS).evaluateAll(
    (elements, [source, state]) => {
      const measureIn = new Function(`return (${source})`)() as (element: Element, state: string) => ContrastFinding[];
      return elements
        .filter((element) => {
          const box = element.getBoundingClientRect();
          return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
        })
        .flatMap((element) => measureIn(element, state));
    },
    [measure.toString(), state] as const,
  );
  return findings.filter(({ ratio, needed }) => ratio < needed);
};

/** One control in one state: hovered with the pointer, focused from the keyboard, or as it is. */
export const controlShortfalls = async (page: Page, control: Locator, state: ControlState): Promise<ContrastFinding[]> => {
  // a control under another (the phone's sticky bar) cannot be hovered: it is measured as it is
  if (state === 'hover') await control.hover({ timeout: 1_000 }).catch(() => undefined);
  if (state === 'focus') {
    await page.mouse.move(0, 0);
    await control.focus();
  }
  const findings = await control.evaluate(
    (element, [source, state]) => (new Function(`return (${source})`)() as (element: Element, state: string) => ContrastFinding[])(element, state),
    [measure.toString(), state] as const,
  );
  return findings.filter(({ ratio, needed }) => ratio < needed);
};

/**
 * Every visible control inside `root` at rest, hovered and focused (disabled ones as they are):
 * the shortfalls found, none expected.
 */
export const everyStateShortfalls = async (page: Page, root: Locator): Promise<ContrastFinding[]> => {
  const found: ContrastFinding[] = [...(await contrastShortfalls(root, 'rest'))];
  const controls = await root.locator(CONTROLS).all();
  for (const control of controls) {
    if (!(await control.isVisible())) continue;
    const disabled = await control.evaluate((element) => (element as HTMLButtonElement).disabled === true || element.getAttribute('aria-disabled') === 'true');
    if (disabled) {
      found.push(...(await controlShortfalls(page, control, 'disabled')));
      continue;
    }
    found.push(...(await controlShortfalls(page, control, 'hover')));
    found.push(...(await controlShortfalls(page, control, 'focus')));
  }
  await page.mouse.move(0, 0);
  return found;
};
