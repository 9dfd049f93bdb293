// The article form's search snippet, kept live as the editor types (the server renders it too,
// so without this file it still shows what was last sent). No inline script: CSP-friendly.
(function () {
  var preview = document.querySelector('.snippet-preview');
  if (!preview) { return; }
  var suffix = preview.getAttribute('data-title-suffix') || '';
  function field(id) { return document.getElementById(id); }
  function length(text) { return Array.from(text).length; }
  function update() {
    var seoTitle = field('seoTitle').value.trim();
    var title = seoTitle || (field('title').value.trim() + suffix);
    var description = field('seoDescription').value.trim() || field('pullQuote').value.trim();
    field('snippet-title').textContent = title;
    field('snippet-description').textContent = description;
    field('seoTitle-length').textContent = length(title);
    field('seoDescription-length').textContent = length(description);
    field('seoTitle-count').classList.toggle('too-long', length(title) > 60);
    field('seoDescription-count').classList.toggle('too-long', length(description) > 155);
  }
  ['seoTitle', 'seoDescription', 'title', 'pullQuote'].forEach(function (id) {
    var input = field(id);
    if (input) { input.addEventListener('input', update); }
  });
}());
