import type { Matrix } from '@backprop/linalg';
import { createWorkspace, forward, type Sequential, type Workspace } from '@backprop/model';
import { curvePoints, gridPoints } from './grids';

/** Side of a unit's heatmap (cells per axis; regression: cells along x, one row). */
export const UNIT_GRID = 24;
/** Layers wider than this show their units as dots, not heatmaps (they would be too small). */
export const MAX_MAPPED_UNITS = 16;

/** One dense layer's units, each as its output over the plane: `cells` values per unit. */
export interface UnitMap {
  /** The layer's number in the notation (1 = the first dense layer). */
  l: number;
  units: number;
  /** Cells per unit: UNIT_GRID² (2 inputs) or UNIT_GRID (regression), row by row from the top. */
  width: number;
  height: number;
  /** Unit-major: unit u's cells are data[u·cells … (u + 1)·cells). */
  data: Float32Array;
  /** Each unit's smallest and largest output over the plane (the hover text). */
  min: Float32Array;
  max: Float32Array;
}

/**
 * Every dense layer's output over a coarse grid of the plotted plane, from one inference pass
 * with a workspace of its own (allocated once per run): what each unit has learned to detect,
 * as the network diagram draws it.
 */
export class UnitMaps {
  private readonly grid: Matrix;
  private readonly ws: Workspace;
  private readonly width: number;
  private readonly height: number;

  constructor(
    private readonly model: Sequential,
    extent: [number, number],
    regression: boolean,
  ) {
    this.grid = regression ? curvePoints(extent, UNIT_GRID) : gridPoints(extent, UNIT_GRID);
    this.width = UNIT_GRID;
    this.height = regression ? 1 : UNIT_GRID;
    this.ws = createWorkspace(model, this.grid.rows);
  }

  maps(): UnitMap[] {
    forward(this.model, this.grid, this.ws);
    const cells = this.grid.rows;
    const maps: UnitMap[] = [];
    let l = 0;
    this.model.layers.forEach((layer, i) => {
      if (layer.type !== 'dense') return;
      l += 1;
      const out = this.ws.layers[i]!.output;
      if (out.cols > MAX_MAPPED_UNITS) return;
      const data = new Float32Array(out.cols * cells);
      const min = new Float32Array(out.cols).fill(Number.POSITIVE_INFINITY);
      const max = new Float32Array(out.cols).fill(Number.NEGATIVE_INFINITY);
      for (let c = 0; c < cells; c++)
        for (let u = 0; u < out.cols; u++) {
          const v = out.data[c * out.cols + u]!;
          data[u * cells + c] = v;
          if (v < min[u]!) min[u] = v;
          if (v > max[u]!) max[u] = v;
        }
      maps.push({ l, units: out.cols, width: this.width, height: this.height, data, min, max });
    });
    return maps;
  }
}
