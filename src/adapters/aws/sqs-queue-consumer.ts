// Consumes one SQS queue the way SQS expects (long polling, at-least-once): a message is deleted only
// after the handler recorded it durably; a message the handler could not record stays, and SQS shows it
// again once its visibility timeout ends; a message that can never be used stays too, so the queue's
// redrive policy moves it to the dead-letter queue after maxReceiveCount receives — without a redrive
// policy it is deleted (and logged), since nothing could ever use it.
// Docs: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html
import {
  SQSClient, ReceiveMessageCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, type Message,
} from '@aws-sdk/client-sqs';
import type { Logger } from '../../ports/logger.js';

/** What became of one message: recorded (delete it), not now (SQS redelivers), or never usable. */
export type MessageVerdict = 'recorded' | 'retry' | 'unusable';

export interface SqsConsumerOptions {
  readonly queueUrl: string;
  /** For a local SQS-compatible server; AWS itself is found from the queue URL's region. */
  readonly endpoint?: string;
  readonly region?: string;
  /** Seconds a received message stays invisible to other consumers (default 60). */
  readonly visibilityTimeoutSeconds?: number;
  /** Long-poll wait, 0–20 s (default 20). */
  readonly waitTimeSeconds?: number;
  readonly logger: Logger;
  readonly handle: (body: string, message: Message) => Promise<MessageVerdict>;
}

const MAX_MESSAGES = 10;
const ERROR_PAUSE_MS = 5_000;

export class SqsQueueConsumer {
  readonly #client: SQSClient;
  readonly #options: SqsConsumerOptions;
  #running: Promise<void> | null = null;
  #abort = new AbortController();
  #hasRedrivePolicy: boolean | null = null;
  /** Messages recorded, kept for a redelivery, and refused as unusable since start. */
  readonly counts = { recorded: 0, retried: 0, unusable: 0 };

  constructor(options: SqsConsumerOptions) {
    this.#options = options;
    this.#client = new SQSClient({
      region: options.region ?? regionOf(options.queueUrl),
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    });
  }

  start(): void {
    this.#running ??= this.#loop();
  }

  /** Stops receiving; a batch in hand is finished first. */
  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#running;
    this.#client.destroy();
  }

  /** Receives and handles one batch; answers how many messages it received. */
  async pollOnce(): Promise<number> {
    const received = await this.#client.send(new ReceiveMessageCommand({
      QueueUrl: this.#options.queueUrl,
      MaxNumberOfMessages: MAX_MESSAGES,
      WaitTimeSeconds: this.#options.waitTimeSeconds ?? 20,
      VisibilityTimeout: this.#options.visibilityTimeoutSeconds ?? 60,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    }), { abortSignal: this.#abort.signal });
    const messages = received.Messages ?? [];
    const done: Message[] = [];
    // The messages of one receive are handled together, not one after another: the intake then records
    // the notifications among them in one transaction (IntakeBatch) instead of one each. SQS promises no
    // order within a receive, and the intake needs none (it deduplicates, and reads state afresh).
    const verdicts = await Promise.all(messages.map((message) => this.#handle(message)));
    for (const [i, verdict] of verdicts.entries()) {
      const message = messages[i] as Message;
      if (verdict === 'recorded') {
        this.counts.recorded += 1;
        done.push(message);
      } else if (verdict === 'retry') {
        this.counts.retried += 1;
      } else {
        this.counts.unusable += 1;
        if (!(await this.#redriven())) done.push(message);
      }
    }
    if (done.length > 0) await this.#delete(done);
    return messages.length;
  }

  async #loop(): Promise<void> {
    const { logger } = this.#options;
    while (!this.#abort.signal.aborted) {
      try {
        await this.pollOnce();
      } catch (error) {
        if (this.#abort.signal.aborted) break;
        logger.warn('SQS did not answer; polling again shortly', { queue: this.#options.queueUrl, error });
        await pause(ERROR_PAUSE_MS, this.#abort.signal);
      }
    }
  }

  async #handle(message: Message): Promise<MessageVerdict> {
    const { logger } = this.#options;
    try {
      const verdict = await this.#options.handle(message.Body ?? '', message);
      if (verdict === 'unusable') {
        logger.warn('an SQS message cannot be used; left to the queue\'s redrive policy', {
          queue: this.#options.queueUrl, messageId: message.MessageId, receiveCount: message.Attributes?.ApproximateReceiveCount,
        });
      }
      return verdict;
    } catch (error) {
      logger.error('handling an SQS message failed; SQS will deliver it again', { messageId: message.MessageId, error });
      return 'retry';
    }
  }

  /** Whether the queue moves unusable messages to a dead-letter queue (asked once). */
  async #redriven(): Promise<boolean> {
    if (this.#hasRedrivePolicy === null) {
      const attributes = await this.#client.send(new GetQueueAttributesCommand({ QueueUrl: this.#options.queueUrl, AttributeNames: ['RedrivePolicy'] }));
      this.#hasRedrivePolicy = Boolean(attributes.Attributes?.RedrivePolicy);
      if (!this.#hasRedrivePolicy) {
        this.#options.logger.warn('the SQS queue has no redrive policy: unusable messages are deleted after logging (configure a dead-letter queue to keep them)', { queue: this.#options.queueUrl });
      }
    }
    return this.#hasRedrivePolicy;
  }

  async #delete(messages: readonly Message[]): Promise<void> {
    const answer = await this.#client.send(new DeleteMessageBatchCommand({
      QueueUrl: this.#options.queueUrl,
      Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
    }));
    // A failed delete only means SQS shows the message again: the intake deduplicates it.
    for (const failed of answer.Failed ?? []) this.#options.logger.warn('SQS did not delete a recorded message; it will be seen again and deduplicated', { code: failed.Code, message: failed.Message });
  }
}

/** https://sqs.eu-west-1.amazonaws.com/123456789012/name → eu-west-1; anything else → us-east-1. */
export function regionOf(queueUrl: string): string {
  return /sqs[.-]([a-z0-9-]+)\.amazonaws\.com/.exec(queueUrl)?.[1] ?? 'us-east-1';
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}
