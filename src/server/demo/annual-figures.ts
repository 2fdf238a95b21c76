/**
 * Builds a case-import CSV whose statistics are those published in the 2025 annual report
 * (seeds/001, chapter 2): 104 reports in 2025 and 127 in 2024. Where the report gives only
 * 2024 percentages, the 2024 counts are chosen so they round to the published percentages;
 * figures the report does not give (2024 channel, via, faculties, relations) are invented.
 *
 * The published faculty shares cannot all hold at once (at face value they need 105 reports),
 * so "undefined" has 14 reports here: 13%, where the report prints 14%.
 */
type Dist = [string, number][];

export interface YearFigures {
  year: number;
  category: Dist;
  subtypes: Record<string, Dist>;
  via: Dist;
  channel: Dist;
  gender: Dist;
  orgUnit: Dist; // '' = undefined
  relation: Dist; // reporter_role/accused_role pairs
  followUp: Dist; // '' = open
}

export const FIGURES_2025: YearFigures = {
  year: 2025,
  category: [
    ['sexual_violence', 25],
    ['inappropriate_behaviour', 17],
    ['unprofessional_behaviour', 16],
    ['other', 12],
    ['worrying_behaviour', 9],
    ['unequal_treatment', 6],
    ['intimidation', 5],
    ['discrimination', 5],
    ['bullying', 3],
    ['stalking', 3],
    ['aggression', 3],
  ],
  subtypes: {
    sexual_violence: [
      ['physical', 16],
      ['verbal_online', 9],
    ],
  },
  via: [
    ['self', 88],
    ['staff_member', 6],
    ['other_service', 1],
    ['citizen', 1],
    ['board_or_association_contact', 7],
    ['other', 1],
  ],
  channel: [
    ['in_person', 57],
    ['online_meeting', 27],
    ['email', 8],
    ['phone', 12],
  ],
  gender: [
    ['female', 69],
    ['male', 31],
    ['non_binary', 1],
    ['not_stated', 3],
  ],
  orgUnit: [
    ['LAW', 25],
    ['SBE', 21],
    ['FSE', 17],
    ['FHML', 15],
    ['FASoS', 8],
    ['FPN', 4],
    ['', 14],
  ],
  relation: [
    ['student/student', 40],
    ['student/staff', 35],
    ['student/external', 12],
    ['student/unknown', 17],
  ],
  followUp: [
    ['registration', 10],
    ['advice', 37],
    ['informal_intervention', 17],
    ['referral', 12],
    ['guidance', 11],
    ['other', 17],
  ],
};

export const FIGURES_2024: YearFigures = {
  year: 2024,
  category: [
    ['sexual_violence', 26],
    ['inappropriate_behaviour', 10],
    ['unprofessional_behaviour', 15],
    ['other', 23],
    ['worrying_behaviour', 4],
    ['unequal_treatment', 10],
    ['intimidation', 13],
    ['discrimination', 6],
    ['bullying', 4],
    ['stalking', 5],
    ['aggression', 11],
  ],
  subtypes: {
    sexual_violence: [
      ['physical', 15],
      ['verbal_online', 11],
    ],
  },
  via: [
    ['self', 105],
    ['staff_member', 10],
    ['board_or_association_contact', 8],
    ['other_service', 2],
    ['citizen', 2],
  ],
  channel: [
    ['in_person', 70],
    ['online_meeting', 30],
    ['email', 15],
    ['phone', 12],
  ],
  gender: [
    ['female', 75],
    ['male', 41],
    ['non_binary', 1],
    ['not_stated', 10],
  ],
  orgUnit: [
    ['LAW', 20],
    ['SBE', 25],
    ['FSE', 15],
    ['FHML', 20],
    ['FASoS', 15],
    ['FPN', 10],
    ['', 22],
  ],
  relation: [
    ['student/student', 50],
    ['student/staff', 40],
    ['phd/student', 2],
    ['student/external', 15],
    ['staff/staff', 2],
    ['unknown/student', 18],
  ],
  followUp: [
    ['registration', 20],
    ['advice', 30],
    ['informal_intervention', 25],
    ['referral', 14],
    ['guidance', 19],
    ['formal_complaint', 1],
    ['other', 18],
  ],
};

export const CASE_HEADER = [
  'reference',
  'received_on',
  'channel',
  'via',
  'reporter_role',
  'reporter_gender',
  'org_unit',
  'category',
  'subtype',
  'location',
  'accused_role',
  'follow_up',
  'closed_on',
  'anonymous',
  'summary',
];

function expand(dist: Dist): string[] {
  return dist.flatMap(([key, n]) => Array<string>(n).fill(key));
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows of one year; every marginal distribution is exactly the figures'. */
export function buildYearRows(f: YearFigures): string[][] {
  const category = expand(f.category);
  const total = category.length;
  const subtypeQueues = Object.fromEntries(
    Object.entries(f.subtypes).map(([c, d]) => [c, expand(d)]),
  );
  const columns = [f.via, f.channel, f.gender, f.orgUnit, f.relation, f.followUp].map(expand);
  for (const c of columns)
    if (c.length !== total)
      throw new Error(`fixture ${f.year}: a distribution does not sum to ${total}`);
  const [via, channel, gender, org, relation, followUp] = columns as [
    string[],
    string[],
    string[],
    string[],
    string[],
    string[],
  ];
  const locations = ['campus', 'off_campus', 'online', ''];
  return category.map((cat, i) => {
    const receivedOn = `${f.year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    const [reporterRole, accusedRole] = relation[i]!.split('/') as [string, string];
    const fu = followUp[i]!;
    return [
      i % 2 === 0 ? `UM-${f.year}-${String(i + 1).padStart(3, '0')}` : '',
      receivedOn,
      channel[i]!,
      via[i]!,
      reporterRole,
      gender[i]!,
      org[i]!,
      cat,
      subtypeQueues[cat]?.shift() ?? '',
      locations[i % 4]!,
      accusedRole,
      fu,
      fu ? receivedOn : '',
      i % 5 === 0 ? 'true' : i % 5 === 1 ? 'false' : '',
      i % 7 === 0 ? `Samenvatting ${i}, met "aanhalingstekens"\nen een tweede regel` : '',
    ];
  });
}

/** 2025 and 2024 as published, plus a few cases in 2023 and 2026 that no 2025 report may count. */
export function buildAnnualFixtureCsv(): string {
  const outside = [
    [
      '',
      '2023-12-31',
      'email',
      'self',
      'student',
      'female',
      'LAW',
      'bullying',
      '',
      '',
      'student',
      'advice',
      '2024-01-02',
      '',
      '',
    ],
    [
      '',
      '2026-01-01',
      'phone',
      'self',
      'student',
      'male',
      'SBE',
      'threat',
      'online_hate',
      'online',
      'external',
      '',
      '',
      '',
      '',
    ],
  ];
  const rows = [
    CASE_HEADER,
    ...buildYearRows(FIGURES_2024),
    ...buildYearRows(FIGURES_2025),
    ...outside,
  ];
  return `\ufeff${toCsv(rows)}`;
}

/** Rows as CSV text, quoted where needed. */
export function toCsv(rows: string[][]): string {
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export const PARTNER_COUNTS_CSV =
  'year,service,category,count\r\n2025,study_adviser,,42\r\n2025,psychologist,,28\r\n2024,study_adviser,,30\r\n';
