/** Fashion-MNIST's ten classes, in label order 0..9 (Zalando's README). */
export const FASHION_MNIST_CLASSES: readonly string[] = Object.freeze([
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
]);
