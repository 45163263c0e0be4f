import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isObject, type JsonObject, type ResponseReader } from './response-reader';

// Values stay text (a bucket named "007" must not become 7); attributes carry nothing OSS checks need. Entity
// decoding costs a fifth of the parse, so the decoding parser only reads bodies that contain an '&'.
const options = { ignoreAttributes: true, ignoreDeclaration: true, parseTagValue: false, trimValues: true };
const plainParser = new XMLParser({ ...options, processEntities: false });
const entityParser = new XMLParser({ ...options, processEntities: true });

/**
 * OSS answers many byte-identical bodies (every private bucket's ACL, every empty versioning or logging status), and
 * fast-xml-parser costs ~0.1 ms a document, so within one import parsed bodies up to 4 KiB are shared through this
 * cache. Readers never mutate them.
 */
export class XmlBodyCache {
  private readonly parsed = new Map<string, Parsed>();

  get(text: string): Parsed {
    const cacheable = text.length <= CACHEABLE_LENGTH;
    let result = cacheable ? this.parsed.get(text) : undefined;
    if (result === undefined) {
      result = parse(text);
      if (cacheable) this.parsed.set(text, result);
    }
    return result;
  }
}

const CACHEABLE_LENGTH = 4096;
type Parsed = { xml: JsonObject } | { reason: string };

function parse(text: string): Parsed {
  const validation = XMLValidator.validate(text);
  if (validation !== true) return { reason: `not well-formed XML (${validation.err.msg} at line ${validation.err.line})` };
  const parsed: unknown = (text.includes('&') ? entityParser : plainParser).parse(text);
  return isObject(parsed) ? { xml: parsed } : { reason: 'XML body has no root element' };
}

/** An OSS XML body as nested objects (`{ AccessControlPolicy: { AccessControlList: { Grant: 'private' } } }`). */
export function parseXmlBody(reader: ResponseReader, text: string, cache: XmlBodyCache): JsonObject | null {
  const result = cache.get(text);
  if ('reason' in result) {
    reader.fail('', result.reason);
    return null;
  }
  return result.xml;
}
