// What ONOS's view scripts use of AngularJS: a module that registers controllers by name.
window.angular = {
  controllers: {},
  module: function () {
    var m = {
      controller: function (name, definition) {
        window.angular.controllers[name] = definition;
        return m;
      },
    };
    return m;
  },
};
