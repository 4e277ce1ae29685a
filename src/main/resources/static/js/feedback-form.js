// The public feedback form: a live character counter and early size checks. The server checks
// the same limits; this only spares the parent a round trip. A file, not inline: the CSP forbids inline script.
(function () {
  var form = document.getElementById('feedback-form');
  if (!form) { return; }
  var max = parseInt(form.dataset.maxText, 10);
  var maxBytes = parseInt(form.dataset.maxBytes, 10);
  var maxSize = form.dataset.maxSize;
  var text = document.getElementById('text');
  var counter = document.getElementById('counter');
  var textError = document.getElementById('text-client-error');
  function update() {
    var n = text.value.length;
    counter.textContent = 'Символов: ' + n + ' из ' + max;
    var over = n > max;
    counter.classList.toggle('over', over);
    textError.hidden = !over;
    textError.textContent = over ? 'Текст вопроса не должен превышать ' + max + ' символов (сейчас ' + n + ').' : '';
  }
  text.addEventListener('input', update);
  update();
  var file = document.getElementById('attachment');
  var fileError = document.getElementById('attachment-client-error');
  file.addEventListener('change', function () {
    var f = file.files[0];
    var tooBig = f && f.size > maxBytes;
    fileError.hidden = !tooBig;
    fileError.textContent = tooBig ? 'Файл «' + f.name + '» слишком большой; можно не больше ' + maxSize + '.' : '';
  });
  form.addEventListener('submit', function (e) {
    update();
    if (text.value.length > max || !fileError.hidden) { e.preventDefault(); }
  });
})();
