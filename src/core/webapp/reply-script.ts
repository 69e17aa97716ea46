/**
 * The reply page's script (runs on the phone): each photo made smaller before upload (drawn on a
 * canvas, longest side at most 1600 px, JPEG at quality 0.8: a phone's 4 MB photo becomes a few
 * hundred KB, which a weak mobile connection can carry), then one matter sent through
 * google.script.run.webappSubmitReply(token, form). The answer (the 回执, or why nothing was kept)
 * is shown as text, never as HTML. Plain ES5-ish JavaScript: old phones' browsers run it.
 */
export const PHOTO_LONGEST_SIDE = 1600;
export const PHOTO_QUALITY = 0.8;

export const REPLY_SCRIPT = `(function(){
var W=JSON.parse(document.getElementById('reply-words').textContent);
function shrink(file){return new Promise(function(ok,fail){
var url=URL.createObjectURL(file);var img=new Image();
img.onload=function(){var s=Math.min(1,${PHOTO_LONGEST_SIDE}/Math.max(img.naturalWidth,img.naturalHeight));
var c=document.createElement('canvas');c.width=Math.max(1,Math.round(img.naturalWidth*s));c.height=Math.max(1,Math.round(img.naturalHeight*s));
var g=c.getContext('2d');g.fillStyle='#fff';g.fillRect(0,0,c.width,c.height);g.drawImage(img,0,0,c.width,c.height);URL.revokeObjectURL(url);
var name=(file.name||'photo').replace(/\\.[^.]*$/,'')+'.jpg';
ok({name:name,mimeType:'image/jpeg',base64:c.toDataURL('image/jpeg',${PHOTO_QUALITY}).replace(/^data:[^,]*,/,'')});};
img.onerror=function(){URL.revokeObjectURL(url);ok({name:file.name||'photo',mimeType:file.type||'',base64:''});};
img.src=url;});}
function shrinkAll(input){return Promise.all(Array.prototype.slice.call(input.files||[]).map(shrink));}
function say(form,text,kind){var p=form.querySelector('.status');p.textContent=text;p.className='status'+(kind?' '+kind:'');}
Array.prototype.forEach.call(document.querySelectorAll('form.reply'),function(form){
form.addEventListener('submit',function(ev){ev.preventDefault();
var button=form.querySelector('button');button.disabled=true;say(form,W.preparing,'');
Promise.all([shrinkAll(form.elements.photosAfter),shrinkAll(form.elements.photosBefore)]).then(function(p){
var data={key:form.getAttribute('data-key'),measures:form.elements.measures.value,doneDate:form.elements.doneDate.value,person:form.elements.person.value,photosAfter:p[0],photosBefore:p[1]};
say(form,W.sending,'');
google.script.run.withSuccessHandler(function(r){
if(r&&r.ok){say(form,W.received.replace('{receipt}',r.receipt),'ok');Array.prototype.forEach.call(form.elements,function(e){e.disabled=true;});}
else{say(form,W.failed.replace('{message}',(r&&r.message)||''),'fail');button.disabled=false;}
}).withFailureHandler(function(e){say(form,W.failed.replace('{message}',(e&&e.message)||String(e)),'fail');button.disabled=false;}).webappSubmitReply(W.token,data);
}).catch(function(e){say(form,W.failed.replace('{message}',String(e)),'fail');button.disabled=false;});});});})();`;
