/**
 * The estate graph of the HTML report: Salesforce orgs → contact centers → Connect instances →
 * AWS accounts → recording buckets and streams. The graph is built from the inventory, laid out
 * by elkjs (layered, left to right, nodes ordered by environment within each layer) and drawn as
 * inline SVG. elkjs only offers an asynchronous API, so the layout is a separate step
 * (`layoutEstate`) whose plain-data result the pure HTML formatter draws.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { Inventory } from '../inventory/types.js';

export const ESTATE_NODE_KINDS = ['org', 'contact-center', 'instance', 'account', 'bucket', 'stream'] as const;
export type EstateNodeKind = (typeof ESTATE_NODE_KINDS)[number];
export type EstateEdgeKind = 'contact-center' | 'connect-instance' | 'runs-in' | 'owns' | 'stores';

/** Beyond this many resources the graph is left out (unreadable, and slow to lay out). */
export const MAX_GRAPH_NODES = 400;

export const NODE_WIDTH = 230;
export const NODE_HEIGHT = 58;

export interface EstateNode {
  /** Canonical resource id: org id, contact center id, instance/bucket/stream ARN, account id. */
  id: string;
  kind: EstateNodeKind;
  name: string;
  environment: string | null;
  /** Tooltip lines: ids, tags, state. Untrusted text, escaped when drawn. */
  details: string[];
  /** Referenced by another resource but not itself in the inventory. */
  external: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EstateEdge {
  id: string;
  kind: EstateEdgeKind;
  source: string;
  target: string;
  /** Polyline from source to target. */
  points: { x: number; y: number }[];
}

export interface EstateLayout {
  width: number;
  height: number;
  nodes: EstateNode[];
  edges: EstateEdge[];
  /** Set when the graph was left out; says why. */
  omitted?: string;
}

type UnplacedNode = Omit<EstateNode, 'x' | 'y' | 'width' | 'height'>;

interface EstateGraph {
  nodes: Map<string, UnplacedNode>;
  edges: Map<string, { kind: EstateEdgeKind; source: string; target: string }>;
}

function tagLines(tags: Record<string, string>): string[] {
  return Object.keys(tags)
    .sort()
    .map((key) => `tag ${key}=${tags[key]}`);
}

function nameFromArn(arn: string): string {
  const tail = arn.split(/[:/]/).pop();
  return tail && tail !== '' ? tail : arn;
}

/** Builds nodes and edges from the inventory; deterministic for a given inventory. */
export function buildEstateGraph(inventory: Inventory): EstateGraph {
  const nodes = new Map<string, UnplacedNode>();
  const edges = new Map<string, { kind: EstateEdgeKind; source: string; target: string }>();
  const addNode = (node: UnplacedNode): void => {
    if (!nodes.has(node.id)) nodes.set(node.id, node);
  };
  const addEdge = (kind: EstateEdgeKind, source: string, target: string): void => {
    edges.set(`${source}\u0000${target}`, { kind, source, target });
  };

  const instanceById = new Map<string, string>();
  const PLACEHOLDER_ACCOUNT_NAME = 'account not known before deployment';
  const PLACEHOLDER_INSTANCE_NAME = 'instance not known before deployment';
  const PLACEHOLDER_INSTANCE_DETAIL = 'the instance the scanned files deploy to';
  for (const account of inventory.aws.accounts) {
    // A placeholder (`known: false`: where pre-deploy files deploy is not known) is shown as such, never by its stand-in id.
    const accountKnown = account.known !== false;
    addNode({
      id: account.id,
      kind: 'account',
      name: accountKnown ? (account.name ?? account.id) : PLACEHOLDER_ACCOUNT_NAME,
      environment: account.environment,
      details: [accountKnown ? `account ${account.id}` : PLACEHOLDER_ACCOUNT_NAME, ...(account.state ? [`state ${account.state}`] : []), ...tagLines(account.tags)],
      external: false,
    });
    for (const instance of account.connectInstances) {
      instanceById.set(instance.id, instance.arn);
      const instanceKnown = instance.known !== false;
      addNode({
        id: instance.arn,
        kind: 'instance',
        name: instanceKnown ? (instance.alias ?? instance.id) : PLACEHOLDER_INSTANCE_NAME,
        environment: instance.environment,
        details: [instanceKnown ? instance.arn : PLACEHOLDER_INSTANCE_DETAIL, ...(instance.status ? [`status ${instance.status}`] : []), ...tagLines(instance.tags)],
        external: false,
      });
      addEdge('runs-in', instance.arn, account.id);
    }
    for (const bucket of account.s3Buckets) {
      addNode({
        id: bucket.arn,
        kind: 'bucket',
        name: bucket.name,
        environment: bucket.environment,
        details: [bucket.arn, ...tagLines(bucket.tags)],
        external: false,
      });
      addEdge('owns', account.id, bucket.arn);
    }
    for (const stream of account.kinesisStreams) {
      // Streams carry no environment of their own: they inherit their account's.
      addNode({ id: stream.arn, kind: 'stream', name: stream.name, environment: account.environment, details: [stream.arn], external: false });
      addEdge('owns', account.id, stream.arn);
    }
  }
  // Storage targets, which may live in accounts that were not scanned.
  for (const account of inventory.aws.accounts) {
    for (const instance of account.connectInstances) {
      for (const storage of instance.storage) {
        if (storage.s3) {
          const arn = `arn:aws:s3:::${storage.s3.bucket}`;
          addNode({ id: arn, kind: 'bucket', name: storage.s3.bucket, environment: null, details: [arn], external: true });
          addEdge('stores', instance.arn, arn);
        }
        if (storage.streamArn) {
          const arn = storage.streamArn;
          addNode({ id: arn, kind: 'stream', name: nameFromArn(arn), environment: null, details: [arn], external: true });
          addEdge('stores', instance.arn, arn);
        }
      }
    }
  }
  for (const org of inventory.salesforce.orgs) {
    addNode({
      id: org.id,
      kind: 'org',
      name: org.name,
      environment: org.environment,
      details: [`org ${org.id}`, `${org.kind}, ${org.status}`, ...(org.instanceUrl ? [org.instanceUrl] : [])],
      external: false,
    });
    for (const cc of org.contactCenters) {
      addNode({
        id: cc.id,
        kind: 'contact-center',
        name: cc.displayName || cc.internalName,
        environment: org.environment,
        details: [`contact center ${cc.id}`, `internal name ${cc.internalName}`, `${cc.telephonyModel}, ${cc.provisioning}`],
        external: false,
      });
      addEdge('contact-center', org.id, cc.id);
      const arn = cc.connect.instanceArn ?? (cc.connect.instanceId ? instanceById.get(cc.connect.instanceId) : undefined);
      if (arn) {
        addNode({ id: arn, kind: 'instance', name: nameFromArn(arn), environment: null, details: [arn], external: true });
        addEdge('connect-instance', cc.id, arn);
      } else if (cc.connect.instanceId) {
        const id = cc.connect.instanceId;
        addNode({ id, kind: 'instance', name: id, environment: null, details: [`instance ${id}`], external: true });
        addEdge('connect-instance', cc.id, id);
      }
    }
  }
  return { nodes, edges };
}

function environmentOrder(inventory: Inventory): (env: string | null) => number {
  const order = new Map(inventory.environments.map((e, i) => [e.name, i] as const));
  return (env) => (env === null ? Number.MAX_SAFE_INTEGER : (order.get(env) ?? order.size));
}

/** Lays the estate out with elkjs. Same inventory, same layout. */
export async function layoutEstate(inventory: Inventory): Promise<EstateLayout> {
  const graph = buildEstateGraph(inventory);
  if (graph.nodes.size === 0) return { width: 0, height: 0, nodes: [], edges: [], omitted: 'The inventory holds no orgs or AWS accounts.' };
  if (graph.nodes.size > MAX_GRAPH_NODES) {
    return {
      width: 0,
      height: 0,
      nodes: [],
      edges: [],
      omitted: `The estate has ${graph.nodes.size} resources, more than the graph shows (${MAX_GRAPH_NODES}); use the findings table.`,
    };
  }
  const envRank = environmentOrder(inventory);
  const kindRank = (kind: EstateNodeKind): number => ESTATE_NODE_KINDS.indexOf(kind);
  // Model order guides the layered algorithm: environment first, so each layer reads prod, uat, dev, ...
  const ordered = [...graph.nodes.values()].sort(
    (a, b) =>
      envRank(a.environment) - envRank(b.environment) ||
      kindRank(a.kind) - kindRank(b.kind) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const edgeList = [...graph.edges.values()].sort((a, b) =>
    a.source === b.source ? (a.target < b.target ? -1 : 1) : a.source < b.source ? -1 : 1,
  );
  const elkGraph: ElkNode = {
    id: 'estate',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '18',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
      'elk.randomSeed': '1',
    },
    children: ordered.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: edgeList.map((e, i): ElkExtendedEdge => ({ id: `e${i}`, sources: [e.source], targets: [e.target] })),
  };
  // Loaded on first use: only HTML reports need it, and it is the costliest module to start.
  // elk.bundled.js is CommonJS; its constructor is module.exports and, the way the types see it, `.default`.
  const { default: elkBundle } = await import('elkjs/lib/elk.bundled.js');
  const elk = new elkBundle.default();
  const laid = await elk.layout(elkGraph);
  const placed = new Map((laid.children ?? []).map((c) => [c.id, c]));
  const nodes: EstateNode[] = ordered.map((n) => {
    const p = placed.get(n.id);
    return { ...n, x: round(p?.x ?? 0), y: round(p?.y ?? 0), width: NODE_WIDTH, height: NODE_HEIGHT };
  });
  const edges: EstateEdge[] = (laid.edges ?? []).map((e) => {
    const source = edgeList[Number(e.id.slice(1))];
    if (!source) throw new Error(`estate layout: unknown edge ${e.id}`);
    const section = (e as ElkExtendedEdge).sections?.[0];
    const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
    return { id: e.id, kind: source.kind, source: source.source, target: source.target, points: points.map((p) => ({ x: round(p.x), y: round(p.y) })) };
  });
  return { width: Math.ceil(laid.width ?? 0), height: Math.ceil(laid.height ?? 0), nodes, edges };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * The graph node a finding's resource belongs to: the node itself, else the Connect instance
 * whose ARN prefixes it (flows, queues), else the AWS account named in its ARN (roles, functions).
 */
export function nodeForResource(layout: EstateLayout, resourceId: string): string | undefined {
  if (layout.nodes.some((n) => n.id === resourceId)) return resourceId;
  const instance = layout.nodes.find((n) => n.kind === 'instance' && resourceId.startsWith(`${n.id}/`));
  if (instance) return instance.id;
  const account = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(resourceId)?.[1];
  if (account && layout.nodes.some((n) => n.kind === 'account' && n.id === account)) return account;
  return undefined;
}
