// A local SQS-compatible server (local-aws-sqs: AWS's JSON protocol over HTTP on loopback) and the real
// SDK client talking to it, for the tests of SQS intake and notification delivery.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSqsServer } from 'local-aws-sqs';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';

export interface LocalSqs {
  readonly endpoint: string;
  readonly client: SQSClient;
  close(): Promise<void>;
}

export async function startLocalSqs(): Promise<LocalSqs> {
  // The SDK needs some credentials to sign with; the local server checks none.
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  const server: Server = await createSqsServer({ port: 0, hostname: '127.0.0.1', emulateQueueCreationLifecycle: false });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new SQSClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return {
    endpoint, client,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function queueArn(client: SQSClient, queueUrl: string): Promise<string> {
  return (await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
}

/** A queue whose redrive policy moves a message to `<name>-dlq` after maxReceiveCount receipts. */
export async function queueWithDeadLetters(client: SQSClient, name: string, maxReceiveCount: number): Promise<{ queueUrl: string; dlqUrl: string }> {
  const dlqUrl = (await client.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }))).QueueUrl!;
  const queueUrl = (await client.send(new CreateQueueCommand({
    QueueName: name, Attributes: { RedrivePolicy: JSON.stringify({ maxReceiveCount, deadLetterTargetArn: await queueArn(client, dlqUrl) }) },
  }))).QueueUrl!;
  return { queueUrl, dlqUrl };
}

/** Messages in the queue, visible or in flight. */
export async function messagesIn(client: SQSClient, queueUrl: string): Promise<number> {
  const a = (await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes ?? {};
  return Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0);
}
