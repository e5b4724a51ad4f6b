// Delivers notifications as Amazon does to an SQS destination: one SendMessage per notification, the
// notification JSON as the message body, to the queue the destination's ARN names. The queue's URL is
// asked of the SQS endpoint (GetQueueUrl) from the ARN's name and account, so any SQS-compatible server
// works — AWS itself or one running locally (`--sqs-endpoint`).
// Docs: https://developer-docs.amazon.com/sp-api/docs/notifications-api-v1-use-case-guide
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DeliveryTransport } from './notification-sender.js';

/** An SQS client for `endpoint`; the simulator signs with placeholder keys (a local server checks none). */
export function sqsClientFor(endpoint: string, region = 'us-east-1'): SQSClient {
  return new SQSClient({ endpoint, region, credentials: { accessKeyId: 'simulator', secretAccessKey: 'simulator' } });
}

/** arn:aws:sqs:us-east-1:123456789012:fba-bridge → its region, account and queue name. */
export function parseSqsArn(arn: string): { region: string; account: string; name: string } | undefined {
  const parts = arn.split(':');
  if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'sqs' || !parts[3] || !parts[4] || !parts[5]) return undefined;
  return { region: parts[3], account: parts[4], name: parts[5] };
}

export function sqsTransport(client: SQSClient, arn: string): DeliveryTransport {
  const queue = parseSqsArn(arn);
  let queueUrl: string | undefined;
  return {
    target: arn,
    async deliver(body, signal) {
      if (!queue) throw new Error(`${arn} is not an SQS queue ARN`);
      queueUrl ??= (await client.send(new GetQueueUrlCommand({ QueueName: queue.name, QueueOwnerAWSAccountId: queue.account }), { abortSignal: signal })).QueueUrl;
      if (!queueUrl) throw new Error(`SQS did not tell the URL of ${arn}`);
      try {
        await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }), { abortSignal: signal });
      } catch (error) {
        queueUrl = undefined;
        throw error;
      }
    },
  };
}
