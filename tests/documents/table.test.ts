// Table cells of every table document (一览表, 公示, 通报, 考核, 接待日安排) break by the Chinese rules: never inside a
// name, a number or a word, and at the end of a phrase (after a place or organisation name) rather than between
// two characters of one; the column is widened to a cell's longest phrase when the frame allows it.
import { describe, expect, it } from 'vitest';
import { openFontSet } from '../../electron/services/documents/fonts';
import { DATE, breakLines, measure } from '../../electron/services/documents/layout';
import { cellLiner, phraseCost, planTable, type TableBlock } from '../../electron/services/documents/table';
import { FONTS_DIR } from './fixtures';

const fonts = openFontSet({ bundledDir: FONTS_DIR, useSystem: false });
const lineText = (l: { runs: { text: string }[] }) => l.runs.map((r) => r.text).join('');

// The county 一览表 (preset 004) as the gallery prints it: seven columns in a portrait frame.
const county: TableBlock = {
  kind: 'table',
  columns: [
    { title: '序号', wrap: 'whole' },
    { title: '姓名', wrap: 'whole' },
    { title: '职务' },
    { title: '联系村（社区）' },
    { title: '联系民营企业' },
    { title: '联系重点项目' },
    { title: '联系贫困户' },
  ],
  rows: [
    [
      '1',
      '李建国',
      '县委书记',
      '城关镇东关村、龙泉镇前营村',
      '××县宏达机械有限公司',
      '县城污水处理厂提标改造项目',
      '李亮超户、胡英静户',
    ],
    [
      '2',
      '王志强',
      '县委副书记、县长',
      '城关镇南街村、龙泉镇王庄村',
      '××县绿源农业发展有限公司',
      '龙泉镇高标准农田建设项目',
      '张琳平户、朱志磊户',
    ],
    [
      '3',
      '张丽华',
      '县人大常委会主任',
      '城关镇前营村、青山镇北岭村',
      '××县鑫盛建材有限责任公司',
      '县人民医院新院区建设项目',
      '刘静英户、高斌勇户',
    ],
  ],
};

describe('table cells break by the Chinese rules', () => {
  it('the county 一览表: a project or a company breaks after a name, never inside a word', () => {
    const plan = planTable(county, fonts);
    const lines = cellLiner(county, fonts, plan);
    const cells = county.rows.map((r) => lines(r, false).map((c) => c.map(lineText)));
    // What a secretary reads in the 联系重点项目 and 联系民营企业 columns.
    expect(cells[0]![5]).toEqual(['县城污水处理厂', '提标改造项目']);
    expect(cells[2]![5]).toEqual(['县人民医院', '新院区建设项目']);
    // A firm breaks before its legal form (有限责任公司 is the name's last word, not a level: names.ts), and after the
    // county only when its trade name and trade do not fit beside it — never inside 绿源农业发展.
    expect(cells[2]![4]).toEqual(['××县鑫盛建材', '有限责任公司']);
    expect(cells[1]![4]).toEqual(['××县', '绿源农业发展', '有限公司']);
    // No cell line ends or starts inside a word of two or more characters (处理|厂 is not one; 医|院 would be).
    const seg = new Intl.Segmenter('zh', { granularity: 'word' });
    for (const [r, row] of cells.entries())
      for (const [c, cell] of row.entries()) {
        const text = county.rows[r]![c]!;
        expect(cell.join('')).toBe(text);
        let at = 0;
        const starts = new Set([...seg.segment(text)].map((s) => s.index));
        for (const l of cell.slice(0, -1)) {
          at += l.length;
          expect(starts.has(at), `${text}: break at ${at} inside a word`).toBe(true);
        }
      }
  });

  it('a one-character suffix (区, 会, 生) never starts a line; after a separator is the cheapest break', () => {
    const cost = phraseCost('县人民医院新院区建设项目');
    const chars = [...'县人民医院新院区建设项目'];
    const at = (s: string) => chars.join('').indexOf(s);
    expect(cost(at('新'))).toBeLessThan(cost(at('区')));
    expect(cost(at('区'))).toBeGreaterThanOrEqual(30);
    expect(cost(at('医') + 1)).toBeGreaterThanOrEqual(40); // 医|院 lies inside the word 医院
    const list = phraseCost('能源科学与工程学院、外国语学院');
    expect(list([...'能源科学与工程学院、'].length)).toBe(0);
    const source = phraseCost('2026年1月4日夏新刚调研'); // a 督办单's 来源: the date whole, the break after it
    expect(source([...'2026年1月4日'].length)).toBeLessThan(source([...'2026年1月4日夏新'].length));
    const unit = phraseCost('文法本科生第一党支部');
    expect(unit(5)).toBeLessThan(unit(4)); // 文法本科生 / 第一党支部, not 文法本科 / 生第一党支部
    // A 职务 cell of the demo's 一览表2, 11 characters wide: the title whole on the second line.
    const post = '能源科学与工程学院党委书记';
    const lines = breakLines([{ text: post, role: 'fangsong' }], fonts, {
      size: 10.5,
      tracking: 0,
      firstWidth: 11.2 * 10.5,
      restWidth: 11.2 * 10.5,
      justify: false,
      breakCost: phraseCost(post),
    });
    expect(lines.map(lineText)).toEqual(['能源科学与工程学院', '党委书记']);
  });

  it('a date is never broken across lines where it fits on one in a cell, in a 考核依据 item only after 年 or 月; no number ever', () => {
    // A 督办单's 来源, a 佐证记录 item and 考核依据 items as the documents print them: in a cell (ragged) at every width
    // from 7 to 24 em, and justified at the widths of the 考核 report's lists (小四 in the 156 mm frame, 21–37 em),
    // where a date may be cut after its 年 or 月 rather than a line spread apart (table.ts WHOLE, layout.ts OVER_CAP).
    const texts = [
      '2026年1月4日夏新刚调研',
      '3. 2026年11月20日\u3000走访\u3000机械与动力工程学院2024级研究生第三党支部（记录2552）',
      '走访联系点每学期不少于2次，2026年3月5日、2026年4月12日、2026年5月18日各1次，计入3次，达标。',
      '第八条（走访联系点）类型为走访、座谈的记录，2026年3月5日（记录2552）、2026年4月12日（记录2561）、' +
        '2026年5月18日（记录2570）、2026年6月2日（记录2601），计入4次，要求不少于2次，达标。',
    ];
    const broken: string[] = [];
    let fitted = 0;
    for (const text of texts)
      for (const justify of [false, true])
        for (let em = justify ? 21 : 7; em <= (justify ? 37 : 24); em++) {
          const lines = breakLines([{ text, role: 'fangsong' }], fonts, {
            size: 12,
            tracking: 0,
            firstWidth: em * 12,
            restWidth: em * 12,
            justify,
            breakCost: phraseCost(text),
          }).map(lineText);
          expect(lines.join('')).toBe(text);
          const ends: number[] = [];
          let at = 0;
          for (const l of lines.slice(0, -1)) ends.push((at += l.length));
          const where = `${em} em${justify ? ' justified' : ''}: ${lines.join(' / ')}`;
          for (const e of ends) if (/\d\d/u.test(text.slice(e - 1, e + 1))) broken.push(`number cut, ${where}`);
          for (const m of text.matchAll(DATE)) {
            // The date with the punctuation that may not start a line (、，) after it.
            const whole = m[0] + (/^[、，。；）]/u.exec(text.slice(m.index + m[0].length))?.[0] ?? '');
            if (measure([{ text: whole, role: 'fangsong' }], fonts, 12, 0) > em * 12) continue;
            fitted++;
            const cuts = ends.filter((e) => e > m.index && e < m.index + m[0].length);
            const allowed = (e: number) => justify && /[年月]/u.test(text[e - 1]!) && /\d/u.test(text[e]!);
            if (cuts.some((e) => !allowed(e))) broken.push(`date cut, ${where}`);
          }
        }
    expect(fitted).toBeGreaterThan(150);
    expect(broken).toEqual([]);
  });

  it('a title’s 长 and a 校领导 stay whole in a 要求 cell (the 通报 and 考核 tables)', async () => {
    const cut = (text: string, chars: number) =>
      breakLines([{ text, role: 'fangsong' }], fonts, {
        size: 10.5,
        tracking: 0,
        firstWidth: chars * 10.5 + 1,
        restWidth: chars * 10.5 + 1,
        justify: false,
        breakCost: phraseCost(text),
      }).map(lineText);
    // As the demo 通报 printed them: “…教务处正副处 / 长…”, “分管科研校 / 领导…”.
    for (const l of cut('分管教学的副校长、学院院长、教学副院长、教务处正副处长每学期听课不少于8次', 13))
      expect(l.startsWith('长'), l).toBe(false);
    const lines = cut('书记、校长、分管科研校领导每学期听思政课', 11);
    expect(
      lines.some((l) => l.endsWith('校')),
      lines.join(' / '),
    ).toBe(false);
    expect(
      lines.some((l) => l.startsWith('领导')),
      lines.join(' / '),
    ).toBe(false);
  });
});
