// Event intake from SQS (issue 12): Amazon delivers SP-API notifications to an SQS destination, and a
// commercetools subscription can deliver to SQS too. Each message goes through the same intake as the
// HTTP push endpoints (dedupe, durable record, work enqueued), and its answer decides what SQS does:
// 2xx recorded → delete; 503 → leave for redelivery; 4xx → unusable (dead-letter queue).
import type { Logger } from '../ports/logger.js';
import { SqsQueueConsumer, type MessageVerdict } from '../adapters/aws/sqs-queue-consumer.js';
import type { IntakeAnswer } from '../http/commercetools-intake.js';

export interface SqsIntakeSettings {
  readonly queueUrl: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly visibilityTimeoutSeconds?: number;
  readonly waitTimeSeconds?: number;
}

export function sqsIntake(settings: SqsIntakeSettings, source: 'amazon' | 'commercetools', accept: (body: unknown) => Promise<IntakeAnswer>, logger: Logger): SqsQueueConsumer {
  return new SqsQueueConsumer({
    ...settings,
    logger: logger.child({ component: 'sqs-intake', source }),
    handle: async (body) => verdictOf(await accept(parseBody(body))),
  });
}

export function verdictOf(answer: IntakeAnswer): MessageVerdict {
  if (answer.status >= 200 && answer.status < 300) return 'recorded';
  if (answer.status >= 500) return 'retry';
  return 'unusable';
}

/** Bodies are JSON; one that is not is handed on as text and refused there as not a notification. */
function parseBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
