/** Every chaos scenario, in the order a run takes them. */
import type { Scenario } from '../scenario.js';
import { apiKill } from './api-kill.js';
import { omsAway } from './oms-away.js';
import { omsDuplicateAnswers } from './oms-duplicate-answers.js';
import { omsErrors } from './oms-errors.js';
import { omsNarrowLink } from './oms-narrow-link.js';
import { omsSlow } from './oms-slow.js';
import { redisFreeze } from './redis-freeze.js';
import { redisKill } from './redis-kill.js';
import { redisLink } from './redis-link.js';
import { redisOom } from './redis-oom.js';
import { sftpLink } from './sftp-link.js';
import { sigtermDrain } from './sigterm-drain.js';
import { workerKill } from './worker-kill.js';

export const SCENARIOS: Scenario[] = [
  workerKill, apiKill, sigtermDrain,
  redisKill, redisFreeze, redisOom, redisLink,
  omsErrors, omsSlow, omsNarrowLink, omsDuplicateAnswers, omsAway,
  sftpLink,
];
