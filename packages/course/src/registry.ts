import { InvalidArgumentError, unknownNameMessage } from '@backprop/linalg';
import type { Experiment } from './experiment';
import { courseraCost } from './experiments/coursera-cost';
import { courseraTrain } from './experiments/coursera-train';
import { fashionCsv } from './experiments/fashion-csv';
import { lecture222Experiment } from './experiments/lecture-222';
import { mnistKeras } from './experiments/mnist-keras';
import { moonsOverfit, moonsRelu8, moonsSigmoid10 } from './experiments/moons';
import { planarExperiment } from './experiments/planar';
import { regressionIcecream } from './experiments/regression-icecream';
import { xorGd, xorSgd } from './experiments/xor';
import { zeroInit } from './experiments/zero-init';

/** Every experiment, in the order of the documents. */
export const experiments: readonly Experiment[] = [
  courseraCost,
  courseraTrain,
  regressionIcecream,
  moonsOverfit,
  moonsSigmoid10,
  moonsRelu8,
  xorGd,
  xorSgd,
  mnistKeras,
  fashionCsv,
  lecture222Experiment,
  zeroInit,
  planarExperiment,
];

/** The experiment called `id`; an unknown id is an error listing the valid ones. */
export function getExperiment(id: string): Experiment {
  const found = experiments.find((e) => e.id === id);
  if (!found)
    throw new InvalidArgumentError(
      'id',
      `reproduce: ${unknownNameMessage(
        'experiment',
        id,
        experiments.map((e) => e.id),
      )}`,
    );
  return found;
}
