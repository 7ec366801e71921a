// The module every replay worker thread starts from (see workers.ts): runs the job it was given.

import { runWorkerIfStarted } from './workers.ts';

runWorkerIfStarted();
