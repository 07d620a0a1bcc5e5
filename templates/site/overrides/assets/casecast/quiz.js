/* casecast quiz (#14): checks each question of a case page's quiz and shows the explanation.
   No outside code, no network: works on a kiosk opened from file://. Each question is a <form> of
   native radio buttons (arrow keys choose, Enter or the button checks); the result goes to a
   role="status" line that screen readers announce. Without this script the answers stay in <details>. */
(function () {
  "use strict";

  function check(form) {
    var chosen = form.querySelector("input[type=radio]:checked");
    var feedback = form.querySelector(".cc-quiz__feedback");
    var answer = form.querySelector(".cc-quiz__answer");
    var right = Number(form.getAttribute("data-answer"));
    if (!chosen) {
      feedback.textContent = "请先选一个答案。";
      form.setAttribute("data-result", "none");
      return;
    }
    var correct = Number(chosen.value) === right;
    var lines = answer.querySelectorAll("p");
    feedback.textContent = (correct ? "答对了！" : "不对哦。" + lines[0].textContent + "。") + " " + lines[1].textContent;
    form.setAttribute("data-result", correct ? "right" : "wrong");
  }

  function setUp() {
    var forms = document.querySelectorAll("form.cc-quiz__item");
    Array.prototype.forEach.call(forms, function (form) {
      form.classList.add("cc-quiz__item--ready");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        check(form);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
