/**
 * @backprop/course — the experiments of the course material backprop is built from (a Coursera
 * practical, a thesis, lecture notes, slides), run with backprop: each gives our number beside the
 * document's with a tolerance band and a verdict, explains every known difference in one line, and
 * returns the data of its plots. `backprop reproduce` runs them from the command line.
 *
 * @module @backprop/course
 */

export {
  allInside,
  around,
  type Band,
  type CourseData,
  type Experiment,
  type ExperimentResult,
  type LabelledImages,
  type Metric,
  MissingCourseDataError,
  metric,
  type Plot,
  type RunOptions,
  type Series,
} from './experiment';
export { boundary as boundaryPlot } from './plots';
export { experiments, getExperiment } from './registry';
