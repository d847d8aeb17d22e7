// The training child process: a retrain takes tens of seconds of CPU, which must not block a
// worker's event loop (BullMQ renews job locks on it). Reads one TrainRequest as JSON on stdin,
// writes one TrainOutcome as JSON on stdout.
import { trainWithBase, type TrainRequest } from './train-model.js';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as TrainRequest;
const outcome = trainWithBase(request);
process.stdout.write(JSON.stringify(outcome));
