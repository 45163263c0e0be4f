import { EDGE_KINDS, type EdgeKind } from '../security-graph.model';

/**
 * Cypher for the Memgraph backend. Every node and relationship carries `graphId` (the tenant's graph),
 * so one Memgraph serves many tenants. Relationship types are the edge kinds; they come from the fixed
 * EDGE_KINDS list, never from input, so interpolating them is safe.
 */
export const cypher = {
  indexes: [
    'CREATE INDEX ON :AttackNode(graphId)',
    'CREATE INDEX ON :AttackNode(graphId, id)',
    'CREATE INDEX ON :AttackGraphMeta(graphId)',
  ],
  clear: 'MATCH (n:AttackNode {graphId: $graphId}) DETACH DELETE n',
  upsertNodes: `UNWIND $nodes AS n
    MERGE (x:AttackNode {graphId: $graphId, id: n.id})
    SET x.kind = n.kind, x.name = n.name, x.accountId = n.accountId, x.region = n.region, x.sensitive = n.sensitive,
        x.admin = n.admin, x.entry = n.entry, x.virtual = n.virtual, x.facts = n.facts`,
  upsertEdges: (kind: EdgeKind): string => {
    if (!EDGE_KINDS.includes(kind)) throw new Error(`unknown edge kind ${kind}`);
    return `UNWIND $edges AS e
    MATCH (a:AttackNode {graphId: $graphId, id: e.from}), (b:AttackNode {graphId: $graphId, id: e.to})
    MERGE (a)-[r:${kind} {graphId: $graphId, id: e.id}]->(b)
    SET r.reason = e.reason, r.evidence = e.evidence, r.weight = e.weight, r.unknown = e.unknown, r.properties = e.properties`;
  },
  removeNodes: 'UNWIND $ids AS id MATCH (n:AttackNode {graphId: $graphId, id: id}) DETACH DELETE n',
  removeEdges: `UNWIND $edges AS e
    MATCH (:AttackNode {graphId: $graphId, id: e.from})-[r]->(:AttackNode {graphId: $graphId})
    WHERE r.id = e.id DELETE r`,
  bumpVersion: 'MERGE (m:AttackGraphMeta {graphId: $graphId}) SET m.version = coalesce(m.version, 0) + 1 RETURN m.version AS version',
  version: 'OPTIONAL MATCH (m:AttackGraphMeta {graphId: $graphId}) RETURN m.version AS version',
  readNodes: `MATCH (n:AttackNode {graphId: $graphId})
    RETURN n.id AS id, n.kind AS kind, n.name AS name, n.accountId AS accountId, n.region AS region, n.sensitive AS sensitive,
           n.admin AS admin, n.entry AS entry, n.virtual AS virtual, n.facts AS facts`,
  readEdges: `MATCH (a:AttackNode {graphId: $graphId})-[r]->(b:AttackNode {graphId: $graphId})
    RETURN r.id AS id, a.id AS from, b.id AS to, type(r) AS kind, r.reason AS reason, r.evidence AS evidence, r.weight AS weight,
           r.unknown AS unknown, r.properties AS properties`,
};
