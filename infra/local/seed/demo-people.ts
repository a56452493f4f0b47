/** Made-up residents' names and homes, in characters and in pinyin: no real person's data. */

/** Common surnames, in characters and in pinyin (the English demo spells the same people). */
const surnames: readonly (readonly [string, string])[] = [
  ['王', 'Wang'],
  ['李', 'Li'],
  ['张', 'Zhang'],
  ['刘', 'Liu'],
  ['陈', 'Chen'],
  ['杨', 'Yang'],
  ['黄', 'Huang'],
  ['赵', 'Zhao'],
  ['吴', 'Wu'],
  ['周', 'Zhou'],
  ['徐', 'Xu'],
  ['孙', 'Sun'],
  ['马', 'Ma'],
  ['朱', 'Zhu'],
  ['胡', 'Hu'],
  ['郭', 'Guo'],
  ['何', 'He'],
  ['林', 'Lin'],
  ['罗', 'Luo'],
  ['高', 'Gao'],
];
/** Given-name syllables, in characters and pinyin. */
const syllables: readonly (readonly [string, string])[] = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['军', 'jun'],
  ['洋', 'yang'],
  ['勇', 'yong'],
  ['艳', 'yan'],
  ['杰', 'jie'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['秀', 'xiu'],
  ['华', 'hua'],
  ['平', 'ping'],
  ['刚', 'gang'],
  ['桂', 'gui'],
  ['兰', 'lan'],
  ['建', 'jian'],
  ['国', 'guo'],
  ['海', 'hai'],
  ['燕', 'yan'],
  ['红', 'hong'],
  ['梅', 'mei'],
  ['志', 'zhi'],
  ['文', 'wen'],
];

/** A made-up person: a surname and a one- or two-syllable given name, as characters and as pinyin. */
export function demoName(rnd: () => number, surname?: number) {
  const s = surnames[surname ?? Math.floor(rnd() * surnames.length)]!;
  const length = rnd() < 0.6 ? 2 : 1;
  const parts = Array.from({ length }, () => syllables[Math.floor(rnd() * syllables.length)]!);
  const pinyin = parts.map((p) => p[1]).join('');
  return {
    surname: { 'zh-CN': s[0], en: s[1] },
    name: {
      'zh-CN': s[0] + parts.map((p) => p[0]).join(''),
      en: `${s[1]} ${pinyin[0]!.toUpperCase()}${pinyin.slice(1)}`,
    },
  };
}

export const surnameCount = surnames.length;

/** A flat's address and building, as the household is known on the estate. */
export function household(building: number, unit: number, flat: number) {
  return {
    householdId: { 'zh-CN': `${building}栋${unit}单元${flat}`, en: `B${building}-${unit}-${flat}` },
    building: { 'zh-CN': `${building}号楼`, en: `Building ${building}` },
  };
}
