/**
 * A chart's SVG as PNG, rendered by resvg (@resvg/resvg-js, loaded when first needed: the
 * command-line tool ships it as an optional dependency) at `zoom` times its size on white.
 */
export async function svgToPng(svg: string, zoom = 2): Promise<Uint8Array> {
  let Resvg: typeof import('@resvg/resvg-js').Resvg;
  try {
    ({ Resvg } = await import('@resvg/resvg-js'));
  } catch (error) {
    throw new Error(
      `PNG output needs @resvg/resvg-js, which is not installed here (npm install @resvg/resvg-js), or write .svg instead (${(error as Error).message.split('\n')[0]})`,
    );
  }
  return new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: zoom },
    font: { loadSystemFonts: true },
  })
    .render()
    .asPng();
}
