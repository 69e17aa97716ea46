/**
 * Writes samples/创城台账示例.xlsx: a ledger as a city office would keep it by hand in Excel,
 * with the untidiness that Duban must cope with (a merged title above the headers, headers in
 * alias forms with a line break, section rows, numbering that restarts, deadlines typed in every
 * form people use, blank statuses, a unit missing from the directory, hand-set fills), and a
 * directory whose units have their contact, head and supervising leader's addresses, as the notices
 * need (example.org addresses), but for one typed with # for @.
 * One task quotes the script a website was defaced with, `<script>alert(1)</script>`: the mails
 * must show it as text.
 *
 * The sample's "today" is 2026-11-25 (a Wednesday): some tasks are overdue, some due within three
 * working days (26, 27 and 30 November), some later, some closed.
 *
 * Run: npx tsx scripts/make-sample.ts
 */

import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

interface Unit {
  name: string;
  kind: string;
  contact: string;
  contactMail: string;
  head: string;
  headMail: string;
  leader: string;
  leaderMail: string;
}

const UNITS: Unit[] = [
  {
    name: '市城管局',
    kind: '市直部门',
    contact: '张晓燕',
    contactMail: 'zhangxy@cgj.example.org',
    head: '刘国平',
    headMail: 'liugp@cgj.example.org',
    leader: '张建华',
    leaderMail: 'zhangjh@cgj.example.org',
  },
  // The contact's address typed with # for @ (the key beside it): not an address, so the admin is told, nobody guessed.
  {
    name: '市住建局',
    kind: '市直部门',
    contact: '王丽',
    contactMail: 'wangli#zjj.example.org',
    head: '陈志远',
    headMail: 'chenzy@zjj.example.org',
    leader: '李伟',
    leaderMail: 'liwei@zjj.example.org',
  },
  {
    name: '市公安局交警支队',
    kind: '市直部门',
    contact: '杨帆',
    contactMail: 'yangfan@jjzd.example.org',
    head: '高振东',
    headMail: 'gaozd@jjzd.example.org',
    leader: '周强',
    leaderMail: 'zhouqiang@jjzd.example.org',
  },
  {
    name: '市市场监管局',
    kind: '市直部门',
    contact: '林静',
    contactMail: 'linjing@scjgj.example.org',
    head: '许文军',
    headMail: 'xuwj@scjgj.example.org',
    leader: '陈刚',
    leaderMail: 'chengang@scjgj.example.org',
  },
  {
    name: '市生态环境局',
    kind: '市直部门',
    contact: '徐磊',
    contactMail: 'xulei@sthjj.example.org',
    head: '邓海涛',
    headMail: 'denght@sthjj.example.org',
    leader: '王志强',
    leaderMail: 'wangzq@sthjj.example.org',
  },
  {
    name: '市委宣传部',
    kind: '市直部门',
    contact: '罗佳',
    contactMail: 'luojia@xcb.example.org',
    head: '谢红梅',
    headMail: 'xiehm@xcb.example.org',
    leader: '黄静',
    leaderMail: 'huangjing@xcb.example.org',
  },
  {
    name: '市文明办',
    kind: '市直部门',
    contact: '宋雨',
    contactMail: 'songyu@wmb.example.org',
    head: '韩立新',
    headMail: 'hanlx@wmb.example.org',
    leader: '何芳',
    leaderMail: 'hefang@wmb.example.org',
  },
  {
    name: '市教育局',
    kind: '市直部门',
    contact: '冯晨',
    contactMail: 'fengchen@jyj.example.org',
    head: '曹建国',
    headMail: 'caojg@jyj.example.org',
    leader: '郑丽',
    leaderMail: 'zhengli@jyj.example.org',
  },
  {
    name: '市应急管理局',
    kind: '市直部门',
    contact: '彭涛',
    contactMail: 'pengtao@yjj.example.org',
    head: '袁志刚',
    headMail: 'yuanzg@yjj.example.org',
    leader: '吕振华',
    leaderMail: 'lvzh@yjj.example.org',
  },
  {
    name: 'XX区人民政府',
    kind: '县区',
    contact: '蒋敏',
    contactMail: 'jiangmin@xxq.example.org',
    head: '沈卫东',
    headMail: 'shenwd@xxq.example.org',
    leader: '赵敏',
    leaderMail: 'zhaomin@xxq.example.org',
  },
  {
    name: 'XX街道办事处',
    kind: '街道',
    contact: '唐小丽',
    contactMail: 'tangxl@xxjd.example.org',
    head: '钟伟',
    headMail: 'zhongwei@xxjd.example.org',
    leader: '刘洋',
    leaderMail: 'liuyang@xxjd.example.org',
  },
];

/** A deadline as typed: a real date cell, or the text people write. */
type Deadline = Date | string;

interface Task {
  problem: string;
  unit: string;
  leader: string;
  issued: Date;
  deadline: Deadline;
  status: string;
  progress?: string;
  completed?: Date;
  remark?: string;
}

function d(y: number, m: number, day: number): Date {
  // exceljs writes a Date's UTC wall clock as the date serial.
  return new Date(Date.UTC(y, m - 1, day));
}

const SECTIONS: { title: string; tasks: Task[] }[] = [
  {
    title: '一、环境卫生类',
    tasks: [
      {
        problem: '人民路背街小巷（建设巷、友谊巷）垃圾乱堆乱放、乱搭乱建，多次抽查“面貌不改”',
        unit: '市城管局',
        leader: '张建华',
        issued: d(2026, 10, 12),
        deadline: d(2026, 11, 15),
        status: '整改中',
        progress: '已清运垃圾12车，违建拆除完成约六成',
        remark: '第二次督办',
      },
      {
        problem: '幸福里、锦绣花园等老旧小区楼道杂物堆积、飞线充电',
        unit: '市住建局',
        leader: '李伟',
        issued: d(2026, 10, 12),
        deadline: '2026/11/15',
        status: '未开始',
      },
      {
        problem: '中心城区黑臭水体（东湖支渠）水面漂浮物多，沿岸排污口未封堵',
        unit: '市生态环境局',
        leader: '王志强',
        issued: d(2026, 10, 8),
        deadline: '2026年11月30日',
        status: '整改中',
        progress: '截污管网已完成70%，漂浮物每日打捞',
      },
      {
        problem: '城北农贸市场周边占道经营，场内地面油污、活禽区卫生差',
        unit: '市市场监管局',
        leader: '陈刚',
        issued: d(2026, 10, 20),
        deadline: d(2026, 11, 20),
        status: '待验收',
        progress: '已完成划行归市和地面冲洗，申请验收',
      },
      {
        problem: '主次干道沿街商户“门前三包”责任落实不到位',
        unit: 'XX街道办事处',
        leader: '刘洋',
        issued: d(2026, 10, 15),
        deadline: '长期坚持',
        status: '整改中',
        progress: '文明劝导员每日巡查，已签订责任书316份',
      },
      {
        problem: '青山镇集镇区环境卫生差，生活垃圾清运不及时',
        unit: 'XX区人民政府',
        leader: '赵敏',
        issued: d(2026, 10, 25),
        deadline: '11月底前',
        status: '整改中',
        progress: '已增配垃圾清运车2辆',
      },
      {
        problem: '火车站、汽车站公共厕所保洁不到位，部分设施损坏',
        unit: '市城管局',
        leader: '张建华',
        issued: d(2026, 10, 12),
        deadline: d(2026, 10, 31),
        status: '已销号',
        progress: '已完成设施维修，落实专人保洁',
        completed: d(2026, 10, 29),
      },
      {
        problem: '南门片区城乡结合部建筑垃圾乱倒',
        unit: '市城管局',
        leader: '张建华',
        issued: d(2026, 11, 5),
        deadline: '立即整改',
        status: '退回',
        progress: '已清理',
        remark: '整改照片不清晰，退回重报',
      },
      {
        problem: '汽车站、人民医院周边道板盲道破损、被占用',
        unit: '市住建局',
        leader: '李伟',
        issued: d(2026, 11, 10),
        deadline: d(2026, 12, 15),
        status: '未开始',
      },
    ],
  },
  {
    title: '二、交通秩序类',
    tasks: [
      {
        problem: '人民路与解放路交叉口行人闯红灯、非机动车逆行',
        unit: '市公安局交警支队',
        leader: '周强',
        issued: d(2026, 10, 10),
        deadline: '常态化',
        status: '整改中',
        progress: '早晚高峰安排交警和文明劝导员值守，曝光不文明行为23起',
      },
      {
        problem: '超标电动车以旧换新推进缓慢',
        unit: '市公安局交警支队',
        leader: '周强',
        issued: d(2026, 10, 10),
        deadline: '年底前',
        status: '整改中',
        progress: '已完成换新3200辆，占任务量64%',
      },
      {
        problem: '火车站广场机动车乱停乱放、出租车拉客',
        unit: '市公安局交警支队',
        leader: '周强',
        issued: d(2026, 10, 16),
        deadline: '2026.10.31',
        status: '整改中',
        progress: '已施划停车泊位，拉客现象仍有反弹',
      },
      {
        problem: '中小学校门口上下学时段交通拥堵，接送车辆乱停',
        unit: '市教育局',
        leader: '郑丽',
        issued: d(2026, 11, 3),
        deadline: d(2026, 11, 27),
        status: '整改中',
        progress: '已制定错峰放学方案',
      },
      {
        problem: '主干道交通标志标线模糊，2处信号灯故障',
        unit: '市公安局交警支队',
        leader: '周强',
        issued: d(2026, 10, 20),
        deadline: d(2026, 11, 10),
        status: '已完成',
        progress: '标线重划完成，信号灯已修复',
        completed: d(2026, 11, 8),
      },
      {
        problem: '共享单车乱停乱放，占用盲道',
        unit: '市城管局',
        leader: '张建华',
        issued: d(2026, 11, 12),
        deadline: '3个工作日内',
        status: '未开始',
      },
      {
        problem: '烟花爆竹违规销售和燃放，城区禁放区偶有燃放',
        unit: '市应急管理局',
        leader: '吕振华',
        issued: d(2026, 11, 1),
        deadline: '长期坚持',
        status: '',
      },
    ],
  },
  {
    title: '三、宣传氛围类',
    tasks: [
      {
        problem: '主要公共场所、交通路口公益广告占比不足40%',
        unit: '市委宣传部',
        leader: '黄静',
        issued: d(2026, 10, 18),
        deadline: d(2026, 11, 20),
        status: '整改中',
        progress: '已新增公益广告点位86处，占比约33%',
      },
      {
        problem: '核心价值观公益广告破损、褪色，未及时更新',
        unit: '市城管局',
        leader: '张建华',
        issued: d(2026, 10, 18),
        deadline: '2026/11/30',
        status: '未开始',
      },
      {
        problem: '建筑工地围挡“讲文明树新风”公益广告覆盖不全',
        unit: '市住建局',
        leader: '李伟',
        issued: d(2026, 10, 22),
        deadline: '12月10日前',
        status: '整改中',
      },
      {
        problem: '市文明网“文明随手拍”留言区被植入脚本<script>alert(1)</script>，打开页面即弹窗，未及时清理',
        unit: '市文明办',
        leader: '何芳',
        issued: d(2026, 10, 25),
        deadline: d(2026, 11, 26),
        status: '整改中',
        progress: '已关闭留言区，正在排查',
      },
      {
        problem: '未成年人思想道德建设：乡村学校少年宫活动开展不正常',
        unit: '市教育局',
        leader: '郑丽',
        issued: d(2026, 10, 25),
        deadline: d(2026, 12, 31),
        status: '暂缓',
        remark: '寒假前统一安排',
      },
      {
        problem: '社区新时代文明实践站宣传栏内容陈旧',
        unit: 'XX街道办事处',
        leader: '刘洋',
        issued: d(2026, 11, 6),
        deadline: '尽快',
        status: '整改中',
      },
      {
        problem: '市民文明素质知晓率、满意率入户宣传覆盖不足',
        unit: 'XX区人民政府',
        leader: '赵敏',
        issued: d(2026, 11, 8),
        deadline: d(2026, 12, 20),
        status: '未开始',
      },
      {
        problem: '“光盘行动”文明餐桌宣传进餐馆覆盖不全',
        unit: '市市场监管局',
        leader: '陈刚',
        issued: d(2026, 11, 1),
        deadline: d(2026, 11, 18),
        status: '已销号',
        progress: '城区餐馆张贴宣传品全覆盖',
        completed: d(2026, 11, 17),
      },
    ],
  },
  {
    title: '四、文档资料类',
    tasks: [
      {
        problem: '测评体系文档材料未经“一把手”审核签字即报送',
        unit: '市委宣传部',
        leader: '黄静',
        issued: d(2026, 10, 28),
        deadline: '立即整改',
        status: '已完成',
        progress: '已重新审核签字报送',
        completed: d(2026, 11, 2),
      },
      {
        problem: '文档材料失分项未逐条对照测评体系补充完善',
        unit: '市创城指挥部',
        leader: '马国栋',
        issued: d(2026, 10, 28),
        deadline: d(2026, 11, 24),
        status: '整改中',
        progress: '已梳理失分项17条',
      },
      {
        problem: '未成年人思想道德建设文档资料缺少佐证照片',
        unit: '市教育局',
        leader: '郑丽',
        issued: d(2026, 11, 1),
        deadline: '11月底前',
        status: '未开始',
      },
      {
        problem: '黑臭水体治理台账资料与实地情况不符',
        unit: '市生态环境局',
        leader: '王志强',
        issued: d(2026, 11, 3),
        deadline: d(2026, 11, 30),
        status: '待验收',
      },
      {
        problem: '志愿服务信息系统数据更新不及时',
        unit: '市文明办',
        leader: '何芳',
        issued: d(2026, 11, 5),
        deadline: '3个工作日内',
        status: '已销号',
        progress: '数据已全部更新',
        completed: d(2026, 11, 9),
      },
      {
        problem: '农贸市场规范化管理制度文件未归档',
        unit: '市市场监管局',
        leader: '陈刚',
        issued: d(2026, 11, 10),
        deadline: d(2026, 12, 5),
        status: '',
      },
    ],
  },
];

const HEADERS = ['序号', '问题描述', '责任单位', '责任领导', '交办日期', '整改\n时限', '整改状态', '整改情况', '完成日期', '备注'];
const WIDTHS = [6, 46, 18, 10, 12, 14, 10, 34, 12, 18];
const STATUSES = ['未开始', '整改中', '待验收', '已完成', '已销号', '退回', '暂缓'];
const DATE_FMT = 'yyyy-mm-dd';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

function buildLedger(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('任务台账');
  const lastCol = HEADERS.length;
  ws.columns = WIDTHS.map((width) => ({ width }));

  ws.mergeCells(1, 1, 1, lastCol);
  const title = ws.getCell(1, 1);
  title.value = 'XX市创建全国文明城市问题整改台账';
  title.font = { name: '宋体', size: 18, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 36;

  ws.mergeCells(2, 1, 2, lastCol);
  const subtitle = ws.getCell(2, 1);
  subtitle.value = '（截至2026年11月20日）';
  subtitle.font = { name: '宋体', size: 11 };
  subtitle.alignment = { horizontal: 'right' };

  const header = ws.getRow(3);
  header.values = HEADERS;
  header.height = 32;
  header.eachCell((c) => {
    c.font = { name: '黑体', size: 11, bold: true };
    c.fill = solid('FFD9E1F2');
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = THIN;
  });

  let r = 4;
  let total = 0;
  let closed = 0;
  for (const section of SECTIONS) {
    ws.mergeCells(r, 1, r, lastCol);
    const s = ws.getCell(r, 1);
    s.value = section.title;
    s.font = { name: '宋体', size: 11, bold: true };
    s.fill = solid('FFF2F2F2');
    s.border = THIN;
    r++;
    section.tasks.forEach((t, i) => {
      const row = ws.getRow(r);
      row.values = [
        i + 1,
        t.problem,
        t.unit,
        t.leader,
        t.issued,
        t.deadline,
        t.status === '' ? null : t.status,
        t.progress ?? null,
        t.completed ?? null,
        t.remark ?? null,
      ];
      for (let c = 1; c <= lastCol; c++) {
        const cell = row.getCell(c);
        cell.border = THIN;
        cell.font = { name: '宋体', size: 11 };
        cell.alignment =
          c === 1 || c === 7 ? { vertical: 'middle', horizontal: 'center' } : { vertical: 'middle', wrapText: c === 2 || c === 8 };
        if (cell.value instanceof Date) cell.numFmt = DATE_FMT;
      }
      total++;
      if (t.status === '已销号') closed++;
      r++;
    });
  }

  // What people did by hand: a yellow flag on a remark, a green status, red text on a returned task, a note.
  const find = (problemStart: string): number => {
    for (let i = 4; i < r; i++) {
      const v = ws.getCell(i, 2).value;
      if (typeof v === 'string' && v.startsWith(problemStart)) return i;
    }
    throw new Error(`task not found: ${problemStart}`);
  };
  ws.getCell(find('人民路背街小巷'), 10).fill = solid('FFFFFF00');
  ws.getCell(find('火车站、汽车站公共厕所'), 7).fill = solid('FFC6EFCE');
  const returned = ws.getCell(find('南门片区'), 10);
  returned.font = { name: '宋体', size: 11, color: { argb: 'FFFF0000' } };
  ws.getCell(find('中心城区黑臭水体'), 8).note = '11月18日现场督查：仍有2处排污口未封堵。——督查组';
  ws.getCell(find('主要公共场所、交通路口公益广告'), 2).font = { name: '宋体', size: 11, bold: true };

  r++; // the blank row people leave before the totals
  ws.mergeCells(r, 1, r, lastCol);
  const sum = ws.getCell(r, 1);
  sum.value = `合计：共${total}项，已销号${closed}项`;
  sum.font = { name: '宋体', size: 11, bold: true };

  const lastTaskRow = r - 2;
  for (let i = 4; i <= lastTaskRow; i++) {
    ws.getCell(i, 7).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${STATUSES.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      error: '请从下拉列表中选择整改状态',
    };
    ws.getCell(i, 3).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`'责任单位'!$A$2:$A$${UNITS.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'warning',
    };
  }

  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 3, topLeftCell: 'A4', activeCell: 'A4' }];
}

function buildUnits(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('责任单位');
  ws.columns = [18, 10, 8, 26, 10, 26, 10, 26].map((width) => ({ width }));
  ws.addRow(['单位名称', '单位类型', '联系人', '联系人邮箱', '主要负责人', '主要负责人邮箱', '分管领导', '分管领导邮箱']);
  ws.getRow(1).eachCell((c) => {
    c.font = { name: '宋体', size: 11, bold: true };
    c.fill = solid('FFD9E1F2');
    c.border = THIN;
  });
  for (const u of UNITS) {
    const row = ws.addRow([u.name, u.kind, u.contact, u.contactMail, u.head, u.headMail, u.leader, u.leaderMail]);
    row.eachCell((c) => {
      c.font = { name: '宋体', size: 11 };
      c.border = THIN;
    });
  }
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }];
}

function buildSample(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '市创城指挥部办公室';
  wb.created = new Date(Date.UTC(2026, 9, 8, 1, 0));
  wb.modified = new Date(Date.UTC(2026, 10, 20, 9, 30));
  buildLedger(wb);
  buildUnits(wb);
  return wb;
}

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'samples', '创城台账示例.xlsx');
mkdirSync(dirname(out), { recursive: true });
await buildSample().xlsx.writeFile(out);
console.log(`wrote ${out}`);
