// The institution a ledger belongs to, and the words its documents use for it, by kind of institution.
//
// Documents never hard-code a university: who the masses are (师生, 群众, 职工群众), who the recipients are
// (各学院 …, 各乡镇 …) and what the cadres are called follow the profile's kind.

export const INSTITUTION_KINDS = ['高校', '县市区党委政府', '乡镇街道', '企业', '机关部门'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export interface InstitutionWording {
  /** Whom the cadres contact, as the title says it: 联系「师生」, 联系「群众」. */
  masses: string;
  /** The sub-units documents address, as a collective: 各学院, 各乡镇（街道）. */
  subUnits: string;
  /** The default 主送机关 of a notice or bulletin. */
  mainRecipients: string;
  /** How a document names the cadres under the regulation: 校领导, 县级领导干部 … */
  leaders: string;
}

const WORDING: Record<InstitutionKind, InstitutionWording> = {
  高校: {
    masses: '师生',
    subUnits: '各学院',
    mainRecipients: '各学院党委（党总支），机关各部门，各直属单位',
    leaders: '校领导',
  },
  县市区党委政府: {
    masses: '群众',
    subUnits: '各乡镇（街道）',
    mainRecipients: '各乡镇党委、人民政府，各街道党工委、办事处，县直各单位',
    leaders: '县级领导干部',
  },
  乡镇街道: {
    masses: '群众',
    subUnits: '各村（社区）',
    mainRecipients: '各村（社区）党组织，镇直各单位',
    leaders: '镇领导干部',
  },
  企业: {
    masses: '职工群众',
    subUnits: '各分（子）公司',
    mainRecipients: '各部门，各分（子）公司',
    leaders: '领导班子成员',
  },
  机关部门: {
    masses: '群众',
    subUnits: '各处室',
    mainRecipients: '机关各处室，各直属单位',
    leaders: '领导班子成员',
  },
};

export function isInstitutionKind(s: string): s is InstitutionKind {
  return (INSTITUTION_KINDS as readonly string[]).includes(s);
}

/** The words documents use for an institution of this kind. */
export function institutionWording(kind: InstitutionKind): InstitutionWording {
  return WORDING[kind];
}
