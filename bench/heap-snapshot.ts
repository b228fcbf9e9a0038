// Reads a V8 .heapsnapshot file without JSON.parse on the whole text (at 100,000 relationships it is larger
// than the longest string V8 allows): the nodes and edges arrays are scanned as integers into typed arrays,
// the strings one by one. Then self size per type and constructor, and retained sizes from the dominator tree
// (Cooper, Harvey and Kennedy's iterative algorithm, weak edges left out, as Chrome's Memory tab does).
import { readFileSync } from 'node:fs';

export interface HeapSnapshot {
  nodeCount: number;
  /** Per node: its type's name, its name (constructor for objects), its self size. */
  type(node: number): string;
  name(node: number): string;
  selfSize(node: number): number;
  /** Retained size per node: what a collection would free if that node alone became unreachable. */
  retained: Float64Array;
  /** The node that dominates each one (the root dominates itself). */
  dominator: Uint32Array;
  /** The name of the edge from `from` to `to`, if there is a direct one. */
  edgeName(from: number, to: number): string | undefined;
}

interface Meta {
  node_fields: string[];
  node_types: [string[], ...unknown[]];
  edge_fields: string[];
  edge_types: [string[], ...unknown[]];
}

function integersAfter(text: Buffer, marker: string, into: Uint32Array): number {
  let at = text.indexOf(marker) + marker.length;
  let n = 0;
  let value = 0;
  let inNumber = false;
  for (; ; at++) {
    const c = text[at]!;
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      inNumber = true;
    } else {
      if (inNumber) into[n++] = value;
      value = 0;
      inNumber = false;
      if (c === 93) return at; // ]
    }
  }
}

function stringsAfter(text: Buffer, marker: string): string[] {
  const strings: string[] = [];
  let at = text.indexOf(marker) + marker.length;
  for (;;) {
    while (text[at] !== 34 && text[at] !== 93) at++; // " or ]
    if (text[at] === 93) return strings;
    let end = at + 1;
    while (text[end] !== 34) end += text[end] === 92 ? 2 : 1; // skip escapes
    strings.push(JSON.parse(text.toString('utf8', at, end + 1)) as string);
    at = end + 1;
  }
}

export function readHeapSnapshot(file: string): HeapSnapshot {
  const text = readFileSync(file);
  const headerEnd = text.indexOf('"nodes":[');
  const header = JSON.parse(`${text.toString('utf8', 0, headerEnd).replace(/,\s*$/, '')}}`) as {
    snapshot: { meta: Meta; node_count: number; edge_count: number };
  };
  const { meta, node_count: nodeCount, edge_count: edgeCount } = header.snapshot;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const nodes = new Uint32Array(nodeCount * nf);
  const edges = new Uint32Array(edgeCount * ef);
  integersAfter(text, '"nodes":[', nodes);
  integersAfter(text, '"edges":[', edges);
  const strings = stringsAfter(text, '"strings":[');
  const [typeAt, nameAt, sizeAt, countAt] = ['type', 'name', 'self_size', 'edge_count'].map((f) =>
    meta.node_fields.indexOf(f),
  ) as [number, number, number, number];
  const [edgeTypeAt, edgeNameAt, toAt] = ['type', 'name_or_index', 'to_node'].map((f) =>
    meta.edge_fields.indexOf(f),
  ) as [number, number, number];
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const weak = edgeTypes.indexOf('weak');
  const firstEdge = new Uint32Array(nodeCount + 1);
  for (let i = 0; i < nodeCount; i++) firstEdge[i + 1] = firstEdge[i]! + nodes[i * nf + countAt]!;
  const target = (e: number) => edges[e * ef + toAt]! / nf;
  const strong = (e: number) => edges[e * ef + edgeTypeAt]! !== weak;

  // Post-order numbering by an iterative depth-first walk from the root (node 0) over strong edges.
  const order = new Int32Array(nodeCount).fill(-1); // node → post-order number
  const byOrder = new Uint32Array(nodeCount); // post-order number → node
  const stackNode = new Uint32Array(nodeCount);
  const stackEdge = new Uint32Array(nodeCount);
  const seen = new Uint8Array(nodeCount);
  let reached = 0;
  let depth = 0;
  stackNode[0] = 0;
  stackEdge[0] = firstEdge[0]!;
  seen[0] = 1;
  while (depth >= 0) {
    const node = stackNode[depth]!;
    const e = stackEdge[depth]!;
    if (e < firstEdge[node + 1]!) {
      stackEdge[depth] = e + 1;
      const to = target(e);
      if (strong(e) && !seen[to]) {
        seen[to] = 1;
        depth++;
        stackNode[depth] = to;
        stackEdge[depth] = firstEdge[to]!;
      }
    } else {
      order[node] = reached;
      byOrder[reached++] = node;
      depth--;
    }
  }
  // Predecessors of reachable nodes, over strong edges, in post-order numbers.
  const predCount = new Uint32Array(reached + 1);
  for (let n = 0; n < nodeCount; n++) {
    if (order[n]! < 0) continue;
    for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e++) if (strong(e)) predCount[order[target(e)]! + 1]!++;
  }
  for (let i = 0; i < reached; i++) predCount[i + 1]! += predCount[i]!;
  const preds = new Uint32Array(predCount[reached]!);
  const fill = predCount.slice(0, reached);
  for (let n = 0; n < nodeCount; n++) {
    if (order[n]! < 0) continue;
    for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e++)
      if (strong(e)) preds[fill[order[target(e)]!]!++] = order[n]!;
  }
  const root = reached - 1;
  const dom = new Int32Array(reached).fill(-1);
  dom[root] = root;
  for (let changed = true; changed;) {
    changed = false;
    for (let b = root - 1; b >= 0; b--) {
      let idom = -1;
      for (let p = predCount[b]!; p < predCount[b + 1]!; p++) {
        let finger = preds[p]!;
        if (dom[finger] === -1) continue;
        if (idom === -1) {
          idom = finger;
          continue;
        }
        let other = idom;
        while (finger !== other) {
          while (finger < other) finger = dom[finger]!;
          while (other < finger) other = dom[other]!;
        }
        idom = finger;
      }
      if (idom !== -1 && dom[b] !== idom) {
        dom[b] = idom;
        changed = true;
      }
    }
  }
  const retained = new Float64Array(nodeCount);
  const dominator = new Uint32Array(nodeCount);
  for (let b = 0; b < reached; b++) {
    const node = byOrder[b]!;
    retained[node]! += nodes[node * nf + sizeAt]!;
    const up = byOrder[dom[b]!]!;
    dominator[node] = up;
    if (b !== root) retained[up]! += retained[node]!;
  }
  return {
    nodeCount,
    type: (node) => nodeTypes[nodes[node * nf + typeAt]!]!,
    name: (node) => strings[nodes[node * nf + nameAt]!]!,
    selfSize: (node) => nodes[node * nf + sizeAt]!,
    retained,
    dominator,
    edgeName(from, to) {
      for (let e = firstEdge[from]!; e < firstEdge[from + 1]!; e++) {
        if (target(e) !== to) continue;
        const name = edges[e * ef + edgeNameAt]!;
        const kind = edgeTypes[edges[e * ef + edgeTypeAt]!];
        return kind === 'element' || kind === 'hidden' ? `[${name}]` : strings[name];
      }
      return undefined;
    },
  };
}
