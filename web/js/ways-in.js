// The ways files come in: the picker button, drag and drop anywhere on the page, and paste.

/** @param {(files: Iterable<File>) => void} addFiles where every file ends up */
export function wireWaysIn(addFiles) {
  wirePicker(addFiles);
  wireDrop(addFiles);
  wirePaste(addFiles);
}

function wirePicker(addFiles) {
  const input = document.getElementById('file-input');
  document.getElementById('pick').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    addFiles(input.files);
    input.value = ''; // Choosing the same file again must fire change again.
  });
}

/** Drop anywhere on the page. A counter, because dragenter/dragleave fire for every child element. */
function wireDrop(addFiles) {
  let depth = 0;
  const carriesFiles = (event) => event.dataTransfer && [...event.dataTransfer.types].includes('Files');
  const setDragging = (on) => document.body.classList.toggle('dragging', on);
  document.addEventListener('dragenter', (event) => {
    if (carriesFiles(event)) {
      depth += 1;
      setDragging(true);
    }
  });
  document.addEventListener('dragover', (event) => {
    if (carriesFiles(event)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  });
  document.addEventListener('dragleave', (event) => {
    if (carriesFiles(event)) {
      depth = Math.max(0, depth - 1);
      setDragging(depth > 0);
    }
  });
  document.addEventListener('drop', (event) => {
    depth = 0;
    setDragging(false);
    if (event.dataTransfer && event.dataTransfer.files.length > 0) {
      event.preventDefault();
      addFiles(event.dataTransfer.files);
    }
  });
}

/** Ctrl/Cmd+V of a screenshot or a copied image file; text pastes (e.g. into the token field) pass through. */
function wirePaste(addFiles) {
  document.addEventListener('paste', (event) => {
    const data = event.clipboardData;
    if (!data) {
      return;
    }
    let files = [...data.files];
    if (files.length === 0) {
      files = [...data.items].filter((item) => item.kind === 'file').map((item) => item.getAsFile()).filter(Boolean);
    }
    if (files.length > 0) {
      event.preventDefault();
      addFiles(files);
    }
  });
}
