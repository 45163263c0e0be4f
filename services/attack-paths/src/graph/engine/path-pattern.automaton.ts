import {
  EDGE_KINDS, EDGE_KIND_CODE, NODE_KINDS, NODE_KIND_CODE, type EdgeKind, type NodeKind,
} from '../security-graph.model';

/** One step of a path pattern: `min..max` edges of the given kinds, each landing on one of the node kinds. */
export interface PatternSegment {
  edges: readonly EdgeKind[] | 'any';
  to?: readonly NodeKind[];
  min?: number;
  max?: number;
}

/**
 * A path pattern compiled to a small automaton over (edge kind, target node kind). State = (segment,
 * edges taken in it); epsilon moves skip to the next segment once its minimum is met. Masks are bit sets
 * (17 edge kinds, 22 node kinds fit 32 bits).
 */
export class PatternAutomaton {
  readonly stateCount: number;
  /** For each state, the states reachable by epsilon moves (itself included), flattened. */
  private readonly closureStart: Int32Array;
  private readonly closureList: Int32Array;
  private readonly segmentOf: Int32Array;
  private readonly countOf: Int32Array;
  private readonly edgeMask: Uint32Array;
  private readonly nodeMask: Uint32Array;
  private readonly maxOf: Int32Array;
  private readonly accepting: Uint8Array;
  private readonly stateBase: Int32Array;
  readonly start: number;

  constructor(segments: readonly PatternSegment[]) {
    const base: number[] = [];
    let total = 0;
    for (const s of segments) {
      base.push(total);
      total += (s.max ?? 1) + 1;
    }
    this.stateCount = total;
    this.segmentOf = new Int32Array(total);
    this.countOf = new Int32Array(total);
    this.edgeMask = new Uint32Array(segments.length);
    this.nodeMask = new Uint32Array(segments.length);
    this.maxOf = new Int32Array(segments.length);
    segments.forEach((s, i) => {
      this.maxOf[i] = s.max ?? 1;
      for (let c = 0; c <= this.maxOf[i]; c++) {
        this.segmentOf[base[i] + c] = i;
        this.countOf[base[i] + c] = c;
      }
      const edges = s.edges === 'any' ? EDGE_KINDS : s.edges;
      for (const e of edges) this.edgeMask[i] |= 1 << EDGE_KIND_CODE[e];
      for (const k of s.to ?? NODE_KINDS) this.nodeMask[i] |= 1 << NODE_KIND_CODE[k];
    });
    const stateOf = (segment: number, count: number): number => base[segment] + count;
    const closures: number[][] = [];
    const accepting = new Uint8Array(total);
    for (let state = 0; state < total; state++) {
      const closure = [state];
      let seg = this.segmentOf[state];
      let count = this.countOf[state];
      let accept = false;
      for (;;) {
        const min = segments[seg].min ?? 1;
        if (count < min) break;
        if (seg === segments.length - 1) { accept = true; break; }
        seg += 1;
        count = 0;
        closure.push(stateOf(seg, 0));
      }
      closures.push(closure);
      accepting[state] = accept ? 1 : 0;
    }
    this.accepting = accepting;
    this.closureStart = new Int32Array(total + 1);
    closures.forEach((c, i) => { this.closureStart[i + 1] = this.closureStart[i] + c.length; });
    this.closureList = Int32Array.from(closures.flat());
    this.start = 0;
    this.stateBase = Int32Array.from(base);
  }

  isAccepting(state: number): boolean {
    return this.accepting[state] === 1;
  }

  /**
   * The states after taking an edge of `edgeKind` onto a node of `nodeKind` from `state` (an NFA: an
   * edge may both continue a repeated segment and start the next one). Writes them to `out`, returns how many.
   */
  successors(state: number, edgeKind: number, nodeKind: number, out: Int32Array): number {
    const edgeBit = 1 << edgeKind;
    const nodeBit = 1 << nodeKind;
    let n = 0;
    for (let i = this.closureStart[state]; i < this.closureStart[state + 1]; i++) {
      const s = this.closureList[i];
      const seg = this.segmentOf[s];
      const count = this.countOf[s];
      if (count < this.maxOf[seg] && (this.edgeMask[seg] & edgeBit) !== 0 && (this.nodeMask[seg] & nodeBit) !== 0) {
        out[n++] = this.stateBase[seg] + count + 1;
      }
    }
    return n;
  }

  private readonly predecessorCache = new Map<number, Int32Array>();

  /** The states from which an edge of `edgeKind` onto a `nodeKind` node can lead to `state` (inverse of `successors`). */
  predecessors(state: number, edgeKind: number, nodeKind: number): Int32Array {
    const key = (state * 64 + edgeKind) * 64 + nodeKind;
    let result = this.predecessorCache.get(key);
    if (!result) {
      const out: number[] = [];
      const buffer = new Int32Array(this.stateCount);
      for (let s = 0; s < this.stateCount; s++) {
        const n = this.successors(s, edgeKind, nodeKind, buffer);
        for (let i = 0; i < n; i++) if (buffer[i] === state) { out.push(s); break; }
      }
      result = Int32Array.from(out);
      this.predecessorCache.set(key, result);
    }
    return result;
  }

  /** Edge kinds any state can take: a quick filter before `successors`. */
  get anyEdgeMask(): number {
    let mask = 0;
    for (const m of this.edgeMask) mask |= m;
    return mask;
  }
}
