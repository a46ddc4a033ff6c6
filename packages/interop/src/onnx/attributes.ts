import type { NodeProto } from './proto';

function find(node: NodeProto, name: string) {
  return (node.attribute ?? []).find((a) => a.name === name);
}

/** An INT attribute, or `fallback` when the node does not set it. */
export function intAttribute(node: NodeProto, name: string, fallback: number): number {
  const a = find(node, name);
  return a ? Number(a.i ?? 0) : fallback;
}

/** A FLOAT attribute (a float32 number, as ONNX stores it), or `fallback`. */
export function floatAttribute(node: NodeProto, name: string, fallback: number): number {
  const a = find(node, name);
  return a ? Number(a.f ?? 0) : fallback;
}

/** A STRING attribute, or `fallback`. */
export function stringAttribute(node: NodeProto, name: string, fallback: string): string {
  const a = find(node, name);
  return a?.s ? new TextDecoder().decode(a.s) : fallback;
}
