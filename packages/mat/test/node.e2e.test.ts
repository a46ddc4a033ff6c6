import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset, datasetSuite, haveDatasets } from '../../../tooling/test-support/datasets';
import { loadMat } from '../src/node/index';

describe('loadMat', () => {
  it('a missing file is an error naming it', async () => {
    await expect(loadMat(join('/no/such/dir', 'nope.mat'))).rejects.toThrow(
      /nope.mat: no such file/,
    );
  });
});

describe.skipIf(!haveDatasets)(datasetSuite('loadMat on ../shared/datasets'), () => {
  it('ex4weights.mat: Theta1 25x401 and Theta2 10x26, doubles', async () => {
    const mat = await loadMat(dataset('coursera/ex4weights.mat'));
    const t1 = mat.variables.Theta1!;
    const t2 = mat.variables.Theta2!;
    expect([t1.class, t1.dims, t2.dims]).toEqual(['double', [25, 401], [10, 26]]);
  });
});
