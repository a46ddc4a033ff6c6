import type { ValueInfoProto } from './proto';
import { decodeModel } from './read-model';

/** What an ONNX file holds, for people: its producer, operator sets, inputs, outputs and nodes. */
export interface OnnxDescription {
  irVersion: number;
  producer: string;
  opsets: { domain: string; version: number }[];
  inputs: { name: string; shape: string }[];
  outputs: { name: string; shape: string }[];
  nodes: { name: string; op: string; inputs: string[]; outputs: string[] }[];
  /** Constant tensors (weights) and their values in all. */
  initializers: number;
  values: number;
  metadata: Record<string, string>;
}

function shapeOf(v: ValueInfoProto): string {
  const dims = v.type?.tensorType?.shape?.dim ?? [];
  return dims.map((d) => d.dimParam || String(d.dimValue ?? '?')).join(' x ');
}

/** Describes an ONNX file (the same checks as fromOnnx's first step: an OnnxError if it is none). */
export function describeOnnx(bytes: Uint8Array): OnnxDescription {
  const model = decodeModel(bytes);
  const g = model.graph;
  const constants = new Set((g.initializer ?? []).map((t) => t.name));
  return {
    irVersion: Number(model.irVersion),
    producer: `${model.producerName ?? ''} ${model.producerVersion ?? ''}`.trim(),
    opsets: (model.opsetImport ?? []).map((o) => ({
      domain: o.domain || 'ai.onnx',
      version: Number(o.version),
    })),
    inputs: (g.input ?? [])
      .filter((i) => !constants.has(i.name))
      .map((i) => ({ name: i.name!, shape: shapeOf(i) })),
    outputs: (g.output ?? []).map((o) => ({ name: o.name!, shape: shapeOf(o) })),
    nodes: (g.node ?? []).map((n) => ({
      name: n.name ?? '',
      op: n.domain ? `${n.domain}.${n.opType}` : n.opType!,
      inputs: n.input ?? [],
      outputs: n.output ?? [],
    })),
    initializers: (g.initializer ?? []).length,
    values: (g.initializer ?? []).reduce(
      (n, t) => n + (t.dims ?? []).map(Number).reduce((a, b) => a * b, 1),
      0,
    ),
    metadata: Object.fromEntries((model.metadataProps ?? []).map((p) => [p.key!, p.value!])),
  };
}
