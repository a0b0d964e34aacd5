// The unit-tree picker (org/_unit_tree.html): the filter box shows the units whose name
// holds the text, with the branches that lead to them opened.
document.querySelectorAll(".unit-filter").forEach((box) => {
  const tree = box.parentElement.querySelector(".unit-tree");
  box.addEventListener("input", () => {
    const text = box.value.trim();
    tree.querySelectorAll(".unit-node").forEach((node) => {
      node.hidden = false;
    });
    if (!text) return;
    const nodes = Array.from(tree.querySelectorAll(".unit-node")).reverse();
    nodes.forEach((node) => {
      const label = node.querySelector(".unit-label");
      const own = label && label.textContent.includes(text);
      const childShown = Array.from(node.querySelectorAll(":scope > .unit-node")).some((c) => !c.hidden);
      node.hidden = !(own || childShown);
      if (childShown && node.tagName === "DETAILS") node.open = true;
    });
  });
});
