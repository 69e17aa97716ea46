import { describe, expect, it } from 'vitest';
import { readAddressList } from '../../../src/core/directory/addresses';

const read = (cell: unknown): [string[], string[]] => {
  const { addresses, bad } = readAddressList(cell);
  return [addresses.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)), bad];
};

describe('readAddressList: addresses as people write them', () => {
  it('takes the address out of 姓名 <a@b.cn> and keeps the name', () => {
    expect(read('杨帆 <yangfan@cg.example.cn>')).toEqual([['杨帆 <yangfan@cg.example.cn>'], []]);
    expect(read('"Yang, Fan" <yangfan@cg.example.cn>')).toEqual([['Yang, Fan <yangfan@cg.example.cn>'], []]);
    expect(read('杨帆《yangfan@cg.example.cn》')).toEqual([['杨帆 <yangfan@cg.example.cn>'], []]);
    expect(read('杨帆＜yangfan@cg.example.cn＞')).toEqual([['杨帆 <yangfan@cg.example.cn>'], []]);
  });

  it('takes the name out of a@b.cn（张三） and 张三 a@b.cn', () => {
    expect(read('zhangsan@cg.example.cn（张三）')).toEqual([['张三 <zhangsan@cg.example.cn>'], []]);
    expect(read('zhangsan@cg.example.cn (张三)')).toEqual([['张三 <zhangsan@cg.example.cn>'], []]);
    expect(read('张三 zhangsan@cg.example.cn')).toEqual([['张三 <zhangsan@cg.example.cn>'], []]);
    expect(read('张三：zhangsan@cg.example.cn')).toEqual([['张三 <zhangsan@cg.example.cn>'], []]);
  });

  it('reads several addresses separated by ；，,;、 and line breaks', () => {
    const want = ['a@cg.example.cn', 'b@cg.example.cn'];
    for (const sep of ['；', '，', ',', ';', '、', '\n', '\r\n', ' ', ' ; '])
      expect(read(`a@cg.example.cn${sep}b@cg.example.cn`)).toEqual([want, []]);
    expect(read('杨帆 <yf@cg.example.cn>；李强（lq@cg.example.cn）')).toEqual([['杨帆 <yf@cg.example.cn>', '李强 <lq@cg.example.cn>'], []]);
    expect(read('杨帆 <yf@cg.example.cn>；lq@cg.example.cn（李强）')).toEqual([['杨帆 <yf@cg.example.cn>', '李强 <lq@cg.example.cn>'], []]);
  });

  it('reads a full-width ＠ and upper case, the domain in lower case', () => {
    expect(read('ＹａｎｇＦａｎ＠CG.Example.CN')).toEqual([['YangFan@cg.example.cn'], []]);
    expect(read('mailto:a@CG.EXAMPLE.CN')).toEqual([['a@cg.example.cn'], []]);
  });

  it('keeps each address once', () => {
    expect(read('a@cg.example.cn, A@CG.example.cn')).toEqual([['a@cg.example.cn'], []]);
  });

  it('returns what it cannot read apart, as written, and never as an address', () => {
    expect(read('zjj#example.org')).toEqual([[], ['zjj#example.org']]);
    expect(read('deputy@cg')).toEqual([[], ['deputy@cg']]);
    expect(read('<yangfan@cg.example.cn')).toEqual([[], ['<yangfan@cg.example.cn']]);
    expect(read('杨帆 <yangfan@cg>')).toEqual([[], ['杨帆 <yangfan@cg>']]);
    expect(read('张伟')).toEqual([[], ['张伟']]);
    expect(read('张 伟@cg.example.cn')).toEqual([[], ['伟@cg.example.cn']]);
    expect(read('good@cg.example.cn；bad(at)cg.example.cn')).toEqual([['good@cg.example.cn'], ['bad(at)cg.example.cn']]);
    expect(read('李强（lq@cg）')).toEqual([[], ['李强(lq@cg)']]);
  });

  it('reports a name beside several addresses, since it is no one’s for sure, and keeps the addresses', () => {
    expect(read('张三 a@cg.example.cn b@cg.example.cn')).toEqual([['a@cg.example.cn', 'b@cg.example.cn'], ['张三']]);
  });

  it('reads blank cells as no address and no problem', () => {
    expect(read('')).toEqual([[], []]);
    expect(read(null)).toEqual([[], []]);
    expect(read(' ；、 ')).toEqual([[], []]);
  });
});
