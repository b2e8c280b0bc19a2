// Loads the view's page into #view and creates its controller as ONOS's router would, with a web socket
// stand-in: each event is POSTed to /ws, where the Java message handler answers; its replies go to the
// handlers the view bound, as ONOS's WebSocketService dispatches them.
(function () {
  var handlers = {};
  var wss = {
    isConnected: function () { return true; },
    bindHandlers: function (h) { Object.keys(h).forEach(function (k) { handlers[k] = h[k]; }); },
    unbindHandlers: function (h) { Object.keys(h).forEach(function (k) { delete handlers[k]; }); },
    sendEvent: function (event, payload) {
      fetch('/ws', { method: 'POST', body: JSON.stringify({ event: event, payload: payload }) })
        .then(function (r) { return r.json(); })
        .then(function (replies) {
          replies.forEach(function (m) {
            if (handlers[m.event]) {
              handlers[m.event](m.payload);
            }
          });
        })
        .catch(function (e) { console.error('ws stand-in: ' + e); });
    },
  };
  var scope = { $on: function () {} };
  fetch('/view/intstreamTelemetry.html').then(function (r) { return r.text(); }).then(function (html) {
    document.getElementById('view').innerHTML = html;
    var definition = window.angular.controllers.OvIntstreamTelemetryCtrl;
    definition[definition.length - 1]({ log: console.log, warn: console.warn }, scope, wss);
  });
}());
