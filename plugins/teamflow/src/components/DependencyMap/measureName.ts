import { LABEL_FONT_PX, Measure, estimateWidth } from '../../lib/mapLabels';

/** Text widths measured with the browser's own font metrics where it has a canvas. */
let measurer: Measure | undefined;
export function measureName(fontFamily: string): Measure {
  if (measurer) return measurer;
  measurer = estimateWidth;
  if (typeof navigator !== 'undefined' && !/jsdom/.test(navigator.userAgent)) {
    const ctx = document.createElement('canvas').getContext('2d');
    if (ctx) {
      ctx.font = `${LABEL_FONT_PX}px ${fontFamily}`;
      const widths = new Map<string, number>();
      measurer = text => {
        let w = widths.get(text);
        if (w === undefined) {
          w = ctx.measureText(text).width;
          widths.set(text, w);
        }
        return w;
      };
    }
  }
  return measurer;
}
