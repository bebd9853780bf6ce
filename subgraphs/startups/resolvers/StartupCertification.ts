import type { StartupCertificationResolvers } from '../generated/graphql';
import { hanoiDate } from '../../kernel/platform/time';

export const StartupCertification: StartupCertificationResolvers = {
  isValid(certification, { asOf }, { now }) {
    const date = asOf ?? hanoiDate(now);
    return certification.issuedOn <= date && (certification.expiresOn == null || date <= certification.expiresOn);
  },
};
