import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({ ignoreAttributes: true, ignoreDeclaration: true, parseTagValue: false, trimValues: true });

export interface ListedBuckets {
  buckets: Array<{ name: string; region: string | null }>;
  /** The marker of the next page; null on the last one. */
  nextMarker: string | null;
}

type Node = Record<string, unknown>;
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The buckets and next marker of one ListBuckets page (`<ListAllMyBucketsResult>`); an unreadable page lists nothing. */
export function listedBuckets(xml: string): ListedBuckets {
  let result: Node | undefined;
  try {
    result = (parser.parse(xml) as Node).ListAllMyBucketsResult as Node | undefined;
  } catch {
    result = undefined;
  }
  if (!result || typeof result !== 'object') return { buckets: [], nextMarker: null };
  const holder = (result.Buckets ?? {}) as Node;
  const listed = holder.Bucket === undefined ? [] : Array.isArray(holder.Bucket) ? (holder.Bucket as Node[]) : [holder.Bucket as Node];
  const buckets = listed.flatMap((bucket) => {
    const name = text(bucket.Name);
    const location = text(bucket.Location);
    const region = text(bucket.Region) ?? (location?.startsWith('oss-') ? location.slice(4) : location);
    return name === null ? [] : [{ name, region }];
  });
  return { buckets, nextMarker: result.IsTruncated === 'true' ? text(result.NextMarker) : null };
}
