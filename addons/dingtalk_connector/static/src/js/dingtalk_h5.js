/* Login-free entry: ask DingTalk's client for a one-time code and post it.
 * Plain script (no Odoo assets): it runs in DingTalk's in-app browser. */
(function () {
    "use strict";
    var form = document.getElementById("o_dingtalk_h5_form");
    function outside() {
        document.getElementById("o_dingtalk_h5_outside").className = "";
    }
    if (!form || !window.dd || (dd.env && dd.env.platform === "notInDingTalk")) {
        outside();
        return;
    }
    dd.ready(function () {
        dd.runtime.permission.requestAuthCode({
            corpId: form.dataset.corpId,
            onSuccess: function (result) {
                form.elements.code.value = result.code;
                form.submit();
            },
            onFail: outside,
        });
    });
})();
