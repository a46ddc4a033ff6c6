import { Matrix } from '@backprop/linalg';
import { predict } from '@backprop/model';
import { describe, expect, it } from 'vitest';
import { fromHash } from '../src/config';
import { gridPoints } from '../src/grids';
import { Session } from '../src/session';
import { MAX_MAPPED_UNITS, UNIT_GRID } from '../src/unit-maps';

describe("the diagram's unit heatmaps", () => {
  it("hold each unit's output over the plane: tanh(x·W + b) by hand, and the model's prediction", () => {
    const s = new Session(fromHash('#data=moons&samples=100&layers=3:tanh:heNormal:0.3&seed=5'));
    for (let e = 0; e < 5; e++) s.step();
    const [hidden, output] = s.snapshot().unitMaps;
    expect(hidden).toMatchObject({ l: 1, units: 3, width: UNIT_GRID, height: UNIT_GRID });
    const cells = UNIT_GRID * UNIT_GRID;
    const grid = gridPoints(s.points.extent, UNIT_GRID);
    const [W, b] = s.model.params().map((p) => p.value);
    // Dropout is off at inference: the hidden map is the layer's own formula, cell by cell.
    for (const c of [0, 77, cells - 1])
      for (let u = 0; u < 3; u++) {
        const z =
          grid.data[2 * c]! * W!.data[u]! + grid.data[2 * c + 1]! * W!.data[3 + u]! + b!.data[u]!;
        // float32 on the way to the page: 1e-6 relative of values in (−1, 1).
        expect(hidden!.data[u * cells + c]).toBeCloseTo(Math.tanh(z), 6);
      }
    const p = predict(s.model, grid);
    expect(Array.from(output!.data)).toEqual(Array.from(Float32Array.from(p.data)));
    expect(output!.max[0]).toBe(Math.max(...output!.data));
  });

  it('are one row along x for regression, and left out for layers too wide to draw', () => {
    const s = new Session(fromHash(`#data=wave&layers=${MAX_MAPPED_UNITS + 1}:tanh,4:relu&seed=1`));
    const maps = s.snapshot().unitMaps;
    expect(maps.map((m) => m.l)).toEqual([2, 3]);
    expect(maps[0]).toMatchObject({ units: 4, width: UNIT_GRID, height: 1 });
    const x = new Matrix(UNIT_GRID, 1);
    const [lo, hi] = s.points.extent;
    for (let i = 0; i < UNIT_GRID; i++) x.data[i] = lo + (i * (hi - lo)) / (UNIT_GRID - 1);
    expect(Array.from(maps[1]!.data)).toEqual(
      Array.from(Float32Array.from(predict(s.model, x).data)),
    );
  });
});
