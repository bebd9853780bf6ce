import type { Db } from '../../kernel/db';
import { stableId } from '../../kernel/ids';
import { organizationId } from '../../kernel/seed-refs';
import { sourceProvenance } from '../../kernel/sources';
import { searchText } from '../../kernel/text';
import * as schema from '../db/schema';

/** Real hubs and places named in the source articles, each with its source. */
export async function seed(db: Db<typeof schema>): Promise<void> {
  const hoaLac = stableId('InnovationHub', 'khu-cnc-hoa-lac');
  await db.insert(schema.hubs).values([
    {
      id: hoaLac,
      kind: 'HI_TECH_PARK',
      nameVi: 'Khu công nghệ cao Hòa Lạc',
      nameEn: 'Hoa Lac Hi-Tech Park',
      operatorId: null,
      parentId: null,
      address: null,
      district: null,
      searchText: searchText('Khu công nghệ cao Hòa Lạc', 'Hoa Lac Hi-Tech Park'),
      provenance: sourceProvenance('001', 'National S&T centre; about 3,000 engineers work there (seed 001).'),
    },
    {
      id: stableId('InnovationHub', 'san-giao-dich-cong-nghe-ha-noi'),
      kind: 'TECHNOLOGY_EXCHANGE',
      nameVi: 'Sàn giao dịch công nghệ thành phố Hà Nội',
      nameEn: 'Hanoi Technology Exchange',
      operatorId: organizationId('ubnd-ha-noi'),
      parentId: null,
      address: 'Khu liên cơ quan số 258 Võ Chí Công, Xuân La, Tây Hồ, Hà Nội',
      district: 'Tây Hồ',
      searchText: searchText('Sàn giao dịch công nghệ thành phố Hà Nội', 'Hanoi Technology Exchange'),
      provenance: sourceProvenance('002', 'To be built by the city under plan 185/KH-UBND: connects technology supply and demand, trading sessions, auctions.'),
    },
  ]);
}
