/* Stand-in for DingTalk's JSAPI (dingtalk.open.js) in tests: the page's
 * hash says which code DingTalk's client would issue, for which corp. */
(function () {
    "use strict";
    var hash = new URLSearchParams(window.location.hash.slice(1));
    window.dd = {
        env: { platform: hash.get("fake_code") ? "android" : "notInDingTalk" },
        ready: function (callback) {
            setTimeout(callback, 0);
        },
        runtime: {
            permission: {
                requestAuthCode: function (options) {
                    if (options.corpId !== hash.get("fake_corp")) {
                        options.onFail({ errorCode: "3", errorMessage: "corpId mismatch" });
                        return;
                    }
                    options.onSuccess({ code: hash.get("fake_code") });
                },
            },
        },
    };
})();
