import { experiments, getExperiment } from '@backprop/course';

// Every experiment: its id, whether `reproduce --all` runs it, and its source document.
for (const e of experiments) console.log(e.id.padEnd(20), e.quick ? 'quick' : 'long ', e.source);

// The thesis's regression, replayed from its own np.random.seed(714) weights.
const r = await getExperiment('regression-icecream').run({});
for (const m of r.metrics)
  console.log(`${m.name}: ours ${m.ours}, document ${m.document ?? m.documentText}, ${m.verdict}`);
