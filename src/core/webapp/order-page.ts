/**
 * 当场下单: the inspector's page, built as HTML text here, every value escaped (the directory's
 * unit names and the ledger's 问题类别 are office text, shown as text). Mobile first: one column,
 * large fields. 责任单位 is found by typing part of its name: the units that contain it are
 * offered as buttons under the field (read from the datalist's options, so the names are in the
 * page once, escaped), the same on every phone, where a datalist's own popup differs from one
 * browser to the next and cannot be seen in a screenshot. The page's script (below, no value of the office in it but the token, written as
 * a JSON string that cannot close the script) picks the position when the phone allows it,
 * compresses photos with a canvas to JPEG before upload, and sends the form through
 * google.script.run.webappSubmitOrder; the result is shown with textContent, never as HTML.
 */
import type { Translate } from '../i18n';
import { escapeHtml } from '../notices/mail-doc';
import { pageHtml } from './page';

export interface OrderPageInput {
  title: string;
  /** The link's token: it goes back with the call. */
  token: string;
  /** 责任单位 as the directory names them. */
  units: readonly string[];
  /** 问题类别 seen in the ledger; undefined when the ledger has no such column (the field is left out). */
  categories: readonly string[] | undefined;
  /** 设置's 现场交办整改时限. */
  defaultDeadline: string;
  t: Translate;
}

const ORDER_STYLE =
  'label{display:block;font-weight:600;margin:14px 0 4px}input,textarea,select,button{font:inherit;width:100%;box-sizing:border-box;padding:10px;border:1px solid #8c959f;border-radius:6px}' +
  'textarea{min-height:96px}button{background:#1f6feb;color:#fff;border:0;margin-top:8px}button.secondary{background:#eaeef2;color:#1f2328}' +
  '.hint{color:#57606a;font-size:14px;margin:2px 0}#result{margin-top:16px;padding:12px;border-radius:6px;white-space:pre-wrap}#result.ok{background:#dafbe1}#result.fail{background:#ffebe9}' +
  '#previews img{width:72px;height:72px;object-fit:cover;margin:4px;border-radius:4px}' +
  'button.pick{display:block;text-align:left;background:#fff;color:#1f2328;border:1px solid #d0d7de;margin:4px 0}';

/** A JSON value inside a <script>: no `<` can close it or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const options = (values: readonly string[]): string => values.map((v) => `<option value="${escapeHtml(v)}"></option>`).join('');

function fields(input: OrderPageInput): string {
  const { t } = input;
  const deadlines = [...new Set([input.defaultDeadline, t('order.immediate')])];
  const category =
    input.categories === undefined
      ? ''
      : `<label for="category">${escapeHtml(t('webapp.field.category'))}</label><input id="category" name="category" list="categories" maxlength="50"><datalist id="categories">${options(input.categories)}</datalist>`;
  return (
    `<p>${escapeHtml(t('order.page.intro'))}</p><form id="order" novalidate>` +
    `<label for="unit">${escapeHtml(t('webapp.field.unit'))}</label><input id="unit" name="unit" autocomplete="off" maxlength="100" required placeholder="${escapeHtml(t('order.page.unitHint'))}"><datalist id="units">${options(input.units)}</datalist><div id="unitPicks"></div>` +
    `<label for="description">${escapeHtml(t('webapp.field.description'))}</label><textarea id="description" name="description" maxlength="1000" required></textarea>` +
    `<label for="place">${escapeHtml(t('webapp.field.place'))}</label><input id="place" name="place" maxlength="200" required>` +
    `<button type="button" class="secondary" id="locate">${escapeHtml(t('order.page.locate'))}</button><p class="hint" id="position"></p>` +
    category +
    `<label for="deadlineText">${escapeHtml(t('webapp.field.deadlineText'))}</label><input id="deadlineText" name="deadlineText" list="deadlines" maxlength="50" value="${escapeHtml(input.defaultDeadline)}"><datalist id="deadlines">${options(deadlines)}</datalist>` +
    `<label for="photos">${escapeHtml(t('webapp.field.photos'))}</label><input id="photos" type="file" accept="image/*" capture="environment" multiple><p class="hint">${escapeHtml(t('order.page.photosHint'))}</p><div id="previews"></div>` +
    `<button type="submit" id="submit">${escapeHtml(t('order.page.submit'))}</button></form><div id="result" role="status"></div>`
  );
}

/** The page's script: position, photo compression, the call, the result as text. */
function script(input: OrderPageInput): string {
  const { t } = input;
  const words = {
    locating: t('order.page.locating'),
    located: t('order.page.located', { lat: '{lat}', lng: '{lng}' }),
    locateFailed: t('order.page.locateFailed'),
    submit: t('order.page.submit'),
    submitting: t('order.page.submitting'),
    failed: t('order.page.failed'),
  };
  return `<script>(function(){var TOKEN=${scriptJson(input.token)};var W=${scriptJson(words)};var pos=null;var photos=[];
var $=function(id){return document.getElementById(id);};
var names=Array.prototype.map.call(document.querySelectorAll('#units option'),function(o){return o.value;});
$('unit').addEventListener('input',function(){var v=$('unit').value,q=v.trim().toLowerCase(),box=$('unitPicks');box.textContent='';if(q===''||names.indexOf(v)>=0)return;
names.filter(function(n){return n.toLowerCase().indexOf(q)>=0;}).slice(0,8).forEach(function(n){var b=document.createElement('button');b.type='button';b.className='pick';b.textContent=n;b.addEventListener('click',function(){$('unit').value=n;box.textContent='';});box.appendChild(b);});});
$('locate').addEventListener('click',function(){if(!navigator.geolocation){$('position').textContent=W.locateFailed;return;}$('position').textContent=W.locating;
navigator.geolocation.getCurrentPosition(function(p){pos={lat:p.coords.latitude,lng:p.coords.longitude};$('position').textContent=W.located.replace('{lat}',pos.lat.toFixed(6)).replace('{lng}',pos.lng.toFixed(6));},function(){pos=null;$('position').textContent=W.locateFailed;},{enableHighAccuracy:true,timeout:15000});});
function compress(file){return new Promise(function(ok,fail){var url=URL.createObjectURL(file);var img=new Image();img.onload=function(){var max=1600,s=Math.min(1,max/Math.max(img.width,img.height));var c=document.createElement('canvas');c.width=Math.round(img.width*s);c.height=Math.round(img.height*s);c.getContext('2d').drawImage(img,0,0,c.width,c.height);URL.revokeObjectURL(url);var data=c.toDataURL('image/jpeg',0.8);ok({name:file.name.replace(/\\.[^.]*$/,'')+'.jpg',mimeType:'image/jpeg',base64:data.slice(data.indexOf(',')+1),preview:data});};img.onerror=function(){URL.revokeObjectURL(url);fail(new Error(file.name));};img.src=url;});}
$('photos').addEventListener('change',function(e){var files=Array.prototype.slice.call(e.target.files||[]);Promise.all(files.map(compress)).then(function(list){photos=list;var box=$('previews');box.textContent='';list.forEach(function(p){var i=document.createElement('img');i.src=p.preview;i.alt=p.name;box.appendChild(i);});}).catch(function(err){show(false,W.failed+err.message);});});
function show(ok,text){var r=$('result');r.className=ok?'ok':'fail';r.textContent=text;}
$('order').addEventListener('submit',function(e){e.preventDefault();var f=e.target;var cat=$('category');
var form={unit:f.unit.value,description:f.description.value,place:f.place.value,deadlineText:f.deadlineText.value,photos:photos.map(function(p){return {name:p.name,mimeType:p.mimeType,base64:p.base64};})};
if(cat)form.category=cat.value;if(pos){form.lat=pos.lat;form.lng=pos.lng;}
var b=$('submit');b.disabled=true;b.textContent=W.submitting;
google.script.run.withSuccessHandler(function(r){b.disabled=false;b.textContent=W.submit;if(r&&r.ok){show(true,r.message);f.reset();photos=[];$('previews').textContent='';}else{show(false,W.failed+(r?r.message:''));}})
.withFailureHandler(function(err){b.disabled=false;b.textContent=W.submit;show(false,W.failed+(err&&err.message||''));}).webappSubmitOrder(TOKEN,form);});})();</script>`;
}

/** The whole page. */
export function orderPageHtml(input: OrderPageInput): string {
  return pageHtml(input.title, `<style>${ORDER_STYLE}</style>${fields(input)}${script(input)}`, 'order');
}
