/* Edition switch for the Traditional site when published with mike.
 * Material's version selector expects each version's site root to be <version>/, but the
 * Traditional site lives at <version>/zh-Hant/; this lists the editions from <version>/versions.json
 * (kept in sync by scripts/publish) and links to the same page in each edition's Traditional site.
 * Every page loads it; the Simplified pages keep Material's own selector. */
(function () {
  if (document.documentElement.lang !== "zh-Hant") return;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base + "/", location.href);        // …/<version>/zh-Hant/
  var versionRoot = new URL("../", base);                       // …/<version>/
  var current = versionRoot.pathname.split("/").filter(Boolean).pop();
  var page = location.href.slice(base.href.length).split("#")[0];
  fetch(new URL("versions.json", versionRoot)).then(function (r) { return r.ok ? r.json() : []; })
    .then(function (versions) {
      var topic = document.querySelector(".md-header__topic");
      if (!versions.length || !topic) return;
      var active = versions.filter(function (v) {
        return v.version === current || (v.aliases || []).indexOf(current) >= 0;
      })[0] || versions[0];
      var box = document.createElement("div");
      box.className = "md-version";
      var button = document.createElement("button");
      button.className = "md-version__current";
      button.setAttribute("aria-label", "選擇版次");
      button.textContent = active.title;
      var list = document.createElement("ul");
      list.className = "md-version__list";
      versions.forEach(function (v) {
        var item = document.createElement("li");
        item.className = "md-version__item";
        var link = document.createElement("a");
        link.className = "md-version__link";
        link.href = new URL("../" + v.version + "/zh-Hant/" + page, versionRoot).href;
        link.textContent = v.title;
        item.appendChild(link);
        list.appendChild(item);
      });
      box.appendChild(button);
      box.appendChild(list);
      topic.appendChild(box);
    })
    .catch(function () {});
})();
