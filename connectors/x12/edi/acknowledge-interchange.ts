/**
 * The acknowledgement interchange for a received one, written with the partner's
 * profile: a TA1 R alone when the interchange is rejected; otherwise a TA1 A when ISA14
 * asked for one, and one 997 per functional group (in one FA group). Groups holding only
 * 997s are not acknowledged (an acknowledgement is never acknowledged). Undefined when there is nothing to send (no readable ISA, or nothing
 * to acknowledge).
 */
import type { FunctionalGroup, InterchangeReading } from './envelope-types.js';
import { functionalAck997 } from './functional-ack-997.js';
import { ta1ForReading } from './interchange-ack-ta1.js';
import type { ContentCheck } from './set-acknowledgement.js';
import { profileSeparators, writeInterchange, type ControlNumbers, type PartnerProfile } from './write-interchange.js';

export interface AcknowledgementPlan {
  /** The partner's profile: we are the sender, the partner the receiver. */
  profile: PartnerProfile;
  controlNumbers: ControlNumbers;
  date: Date;
  /** Errors of the sets' contents (AK3/AK4), e.g. `contentErrors`. */
  contentCheck?: ContentCheck;
}

export function acknowledgementInterchange(reading: InterchangeReading, plan: AcknowledgementPlan): string | undefined {
  const ta1 = ta1ForReading(reading);
  if (!ta1 || !reading.interchange) return undefined;
  const common = { controlNumbers: plan.controlNumbers, date: plan.date };
  if (reading.rejection) return writeInterchange(plan.profile, { ...common, interchangeAcks: [ta1], sets: [] });
  const separators = profileSeparators(plan.profile);
  const acknowledged = reading.groups.filter((group) => !isAcknowledgementGroup(group));
  const sets = acknowledged.map((group) => ({
    id: '997',
    segments: functionalAck997(group, { version: plan.profile.version, separators, ...(plan.contentCheck ? { contentCheck: plan.contentCheck } : {}) }),
  }));
  const interchangeAcks = reading.interchange.ackRequested === '1' ? [ta1] : [];
  if (sets.length === 0 && interchangeAcks.length === 0) return undefined;
  return writeInterchange(plan.profile, { ...common, interchangeAcks, functionalId: 'FA', sets });
}

function isAcknowledgementGroup(group: FunctionalGroup): boolean {
  return group.functionalId === 'FA' && group.sets.length > 0 && group.sets.every((set) => set.id === '997');
}
