import { spawn } from 'node:child_process'
import { chmod, copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import DatabaseProbe from '#services/platform/install/database_probe'
import {
  envFileContents,
  newAppKey,
  readEnvFile,
  writeEnvFile,
} from '#services/platform/install/install_env_file'
import type { SetupAnswers } from '#services/platform/install/setup_answers'
import { redisPrefix } from '#services/platform/infrastructure/redis_keys'

export interface AceRun {
  code: number | null
  output: string
}

const SHELL_VARIABLES = ['PATH', 'HOME', 'USER', 'LANG', 'LC_ALL', 'TMPDIR', 'SYSTEMROOT']

/** fresh: nothing to keep. configured: leave it alone. unknown: an APP_KEY whose database cannot be checked. */
export type InstallState = { state: 'fresh' | 'configured' } | { state: 'unknown'; problem: string }

export type SetupOutcome =
  { done: true; signInLink: string; envFile: string } | { done: false; problem: string }

/**
 * `node ace beacon:setup` after the questions: writes .env, then runs the
 * migrations and creates the first organisation and admin in processes
 * booted with that new .env (this one booted with the old settings).
 */
export default class InstallSetup {
  /**
   * Configured: its .env has an APP_KEY and its database an organisation. Then setup changes nothing;
   * nor when the database of an existing .env cannot be checked, since a new APP_KEY would make every
   * secret encrypted with the old one unreadable.
   */
  static async state(envDir: string): Promise<InstallState> {
    const existing = readEnvFile(join(envDir, '.env'))
    if (!existing?.APP_KEY) return { state: 'fresh' }
    const run = await InstallSetup.runAce(envDir, ['beacon:setup:status'])
    if (run.code === 0 && run.output.includes('configured: yes')) return { state: 'configured' }
    if (run.code === 0 && /configured: no\b/.test(run.output)) return { state: 'fresh' }
    return { state: 'unknown', problem: run.output.trim() }
  }

  static async apply(answers: SetupAnswers, envDir: string): Promise<SetupOutcome> {
    const databaseProblem = await DatabaseProbe.problemWith(
      answers.database,
      answers.database.connection === 'sqlite' ? answers.database.file : ''
    )
    if (databaseProblem) return { done: false, problem: databaseProblem }

    const envFile = join(envDir, '.env')
    // A half-finished earlier setup: keep its key (anything encrypted with it stays readable) and a copy.
    const earlier = readEnvFile(envFile)
    if (earlier) {
      await copyFile(envFile, `${envFile}.bak`)
      await chmod(`${envFile}.bak`, 0o600)
    }
    await writeEnvFile(
      envFile,
      envFileContents(answers, earlier?.APP_KEY || newAppKey(), redisPrefix())
    )

    const migration = await InstallSetup.runAce(envDir, ['migration:run', '--force'])
    if (migration.code !== 0) {
      return {
        done: false,
        problem: `${envFile} is written, but the database could not be prepared:\n${migration.output.trim()}\nFix that, then run "node ace migration:run --force" and "node ace beacon:setup" again.`,
      }
    }

    const finish = await InstallSetup.runAce(envDir, [
      'beacon:setup:finish',
      `--service-name=${answers.serviceName}`,
      `--organisation-name=${answers.organisationName}`,
      `--organisation-type=${answers.organisationType}`,
      `--admin-name=${answers.adminName}`,
      `--admin-email=${answers.adminEmail}`,
    ])
    const signInLink = finish.output.match(/^SIGN_IN_LINK=(\S+)$/m)?.[1]
    if (finish.code !== 0 || !signInLink) {
      return {
        done: false,
        problem: `The database is ready, but the organisation and admin could not be created:\n${finish.output.trim()}`,
      }
    }
    return { done: true, signInLink, envFile }
  }

  /**
   * `node ace …` in a process that takes its settings from envDir's .env
   * alone: none of the settings this process was started with (an old .env
   * loaded into its environment) reach it, only what a shell needs.
   */
  static runAce(envDir: string, args: string[]): Promise<AceRun> {
    const environment: NodeJS.ProcessEnv = { ENV_PATH: envDir }
    for (const key of SHELL_VARIABLES) {
      if (process.env[key] !== undefined) environment[key] = process.env[key]
    }
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['ace', ...args], {
        cwd: app.makePath(),
        env: environment,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      child.stdout.on('data', (chunk) => (output += chunk.toString()))
      child.stderr.on('data', (chunk) => (output += chunk.toString()))
      child.on('close', (code) => resolve({ code, output }))
    })
  }
}
