import { Command } from 'commander';

const program = new Command('backprop')
  .description('Train, evaluate and check neural networks built with backprop.')
  .version('0.0.0');

program.parse();
