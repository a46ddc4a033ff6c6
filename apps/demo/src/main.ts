console.log('backprop demo: nothing to show yet.');
