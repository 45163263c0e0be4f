import type { IdentifiedRequest } from './replay-dialects';

type Answer = { response: string } | { error: { code: string; message: string } };

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n';
/** The request body as the read answers it: OSS reads a configuration back in the shape it was put. */
const putBody = (params: Record<string, string>): Answer =>
  params.body === undefined ? { error: { code: 'MissingArgument', message: 'The request has no body.' } } : { response: params.body };

/** Which read each OSS write changes, and what that read answers afterwards (in an account with that owner id). */
const READ_AFTER: Record<string, { read: string; answer: (params: Record<string, string>, owner: string) => Answer }> = {
  PutBucketAcl: {
    read: 'GetBucketAcl',
    answer: (params, owner) =>
      params['x-oss-acl'] === undefined
        ? { error: { code: 'MissingArgument', message: 'The x-oss-acl header is missing.' } }
        : {
          response: `${XML_HEADER}<AccessControlPolicy><Owner><ID>${owner}</ID><DisplayName>${owner}</DisplayName></Owner>` +
            `<AccessControlList><Grant>${params['x-oss-acl']}</Grant></AccessControlList></AccessControlPolicy>`,
        },
  },
  PutBucketLogging: { read: 'GetBucketLogging', answer: putBody },
  DeleteBucketLogging: { read: 'GetBucketLogging', answer: () => ({ response: `${XML_HEADER}<BucketLoggingStatus></BucketLoggingStatus>` }) },
  PutBucketEncryption: { read: 'GetBucketEncryption', answer: putBody },
  DeleteBucketEncryption: {
    read: 'GetBucketEncryption',
    answer: () => ({ error: { code: 'NoSuchServerSideEncryptionRule', message: 'The server side encryption configuration was not found' } }),
  },
  PutBucketVersioning: { read: 'GetBucketVersioning', answer: putBody },
  PutBucketPolicy: { read: 'GetBucketPolicy', answer: putBody },
  DeleteBucketPolicy: { read: 'GetBucketPolicy', answer: () => ({ error: { code: 'NoSuchBucketPolicy', message: 'The bucket policy does not exist.' } }) },
  PutBucketPublicAccessBlock: { read: 'GetBucketPublicAccessBlock', answer: putBody },
};

/**
 * A read-after-write view of an account's OSS buckets for the replay's `writes` option: a write is answered as OSS
 * does (empty) and from then on the read it changed answers the new setting; what was never written falls through to
 * the recording. GetBucketInfo keeps its recorded copy of the settings.
 */
export class OssBucketState {
  private readonly reads = new Map<string, Answer>();

  /** `owner`: the account id OSS names as the buckets' owner. */
  constructor(private readonly owner: string) {}

  /** The answer to an OSS write (undefined for anything else), remembering what the bucket now reads as. */
  write(request: IdentifiedRequest): Answer | undefined {
    const effect = request.product === 'Oss' ? READ_AFTER[request.action] : undefined;
    if (!effect) return undefined;
    const read = effect.answer(request.params, this.owner);
    if ('error' in read && read.error.code === 'MissingArgument') return read;
    this.reads.set(`${effect.read}|${request.params.bucket}`, read);
    return { response: '' };
  }

  /** A read of a bucket as the writes left it; undefined when none changed it. */
  read(request: IdentifiedRequest): Answer | undefined {
    return request.product === 'Oss' ? this.reads.get(`${request.action}|${request.params.bucket}`) : undefined;
  }

  clear(): void {
    this.reads.clear();
  }
}
