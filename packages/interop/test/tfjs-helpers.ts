import { Matrix } from '@backprop/linalg';
import * as tf from '@tensorflow/tfjs';
import type { TfjsLayersModel } from '../src/index';

tf.setBackend('cpu');

/** Loads a layers model in TensorFlow.js exactly as tf.loadLayersModel reads model.json + weights.bin. */
export async function loadInTfjs(files: TfjsLayersModel): Promise<tf.LayersModel> {
  const json = JSON.parse(JSON.stringify(files.modelJson));
  const handler: tf.io.IOHandler = {
    load: () =>
      tf.io.getModelArtifactsForJSON(json, async (manifest) => [
        manifest.flatMap((g) => g.weights),
        files.weights.slice().buffer,
      ]),
  };
  return tf.loadLayersModel(handler);
}

/** What `model.save` writes: model.json and the weight bytes. */
export async function savedByTfjs(
  model: tf.LayersModel,
): Promise<{ modelJson: unknown; weights: Uint8Array }> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = saved! as tf.io.ModelArtifacts;
  // model.json as tfjs's file and http handlers write it.
  const modelJson = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs! }],
  };
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData!));
  return { modelJson, weights };
}

/** TensorFlow.js's prediction on X (float32). */
export function predictInTfjs(model: tf.LayersModel, X: Matrix): Matrix {
  const out = tf.tidy(
    () => model.predict(tf.tensor2d(Float32Array.from(X.data), [X.rows, X.cols])) as tf.Tensor,
  );
  const data = Float64Array.from(out.dataSync());
  const [rows, cols] = out.shape as number[];
  out.dispose();
  return new Matrix(rows!, cols!, data);
}
