import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { svgToPng } from '@backprop/charts';
import type { Plot } from '@backprop/course';
import { writeFileAtomic } from '@backprop/model/node';
import { chartOf } from './charts';

/**
 * Writes every plot as <dir>/charts/<id>.svg and .png (for slides and documents; the report page
 * has them inline). Without resvg (an optional dependency) only the SVGs are written, and
 * `png` says why.
 */
export async function writeChartFiles(
  dir: string,
  plots: Plot[],
): Promise<{ dir: string; files: string[]; png: string | null }> {
  const charts = join(dir, 'charts');
  mkdirSync(charts, { recursive: true });
  const files: string[] = [];
  let png: string | null = null;
  for (const plot of plots) {
    const { svg } = chartOf(plot);
    const path = join(charts, `${plot.id}.svg`);
    writeFileAtomic(path, `${svg}\n`);
    files.push(path);
    if (png !== null) continue;
    try {
      const picture = await svgToPng(svg);
      writeFileAtomic(join(charts, `${plot.id}.png`), [picture]);
      files.push(join(charts, `${plot.id}.png`));
    } catch (error) {
      png = (error as Error).message;
    }
  }
  return { dir: charts, files, png };
}
