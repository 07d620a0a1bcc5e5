/* casecast quiz (#14): checks each question of a case page's quiz and shows the explanation.
   No outside code, no network: works on a kiosk opened from file://. Each question is a role="group"
   of native radio buttons (arrow keys choose, Enter or the button checks; no <form>: the site's
   sanitiser and CSP allow none); the result goes to a
   role="status" line that screen readers announce. Without this script the answers stay in <details>. */
(function () {
  "use strict";

  function check(item) {
    var chosen = item.querySelector("input[type=radio]:checked");
    var feedback = item.querySelector(".cc-quiz__feedback");
    var answer = item.querySelector(".cc-quiz__answer");
    var right = Number(item.getAttribute("data-answer"));
    if (!chosen) {
      feedback.textContent = "请先选一个答案。";
      item.setAttribute("data-result", "none");
      return;
    }
    var correct = Number(chosen.value) === right;
    var lines = answer.querySelectorAll("p");
    feedback.textContent = (correct ? "答对了！" : "不对哦。" + lines[0].textContent + "。") + " " + lines[1].textContent;
    item.setAttribute("data-result", correct ? "right" : "wrong");
  }

  function setUp() {
    var items = document.querySelectorAll(".cc-quiz__item");
    Array.prototype.forEach.call(items, function (item) {
      item.classList.add("cc-quiz__item--ready");
      item.querySelector(".cc-quiz__check").addEventListener("click", function () {
        check(item);
      });
      item.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && event.target.matches("input[type=radio]")) {
          event.preventDefault();
          check(item);
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
